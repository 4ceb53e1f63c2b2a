"""A small recommender simulator written in Python, for the tests of envs registered through
the ABI. Candidates show one-hot topics; the user examines the slate slot by slot and clicks the
first candidate whose topic appeals (topic t with probability CLICK_RATE[t]); a click earns 1.
Episodes never end by themselves: the host truncates them at ``episode_steps``."""

import random

import rlrec
from rlrec import spaces

CLICK_RATE = [0.05, 0.1, 0.2, 0.4, 0.8]


class TopicFeed(rlrec.PythonEnv):
    """Python test simulator: one-hot topics, cascade clicks by a fixed rate per topic."""

    id = "pytest.topic_feed"
    params = [rlrec.Param("num_candidates", 6, "Candidates per step.", min=2, max=50),
              rlrec.Param("slate_size", 1, "Slots per slate.", min=1, max=5),
              rlrec.Param("episode_steps", 10, "Steps before the host truncates.", min=1),
              rlrec.Param("fail_at_step", 0, "Raise in step after this many steps (0: never).")]

    def __init__(self, num_envs, num_candidates, slate_size, episode_steps, fail_at_step):
        if slate_size > num_candidates:
            raise ValueError("slate_size (%d) must not exceed num_candidates (%d)"
                             % (slate_size, num_candidates))
        topics = len(CLICK_RATE)
        self.observation_fields = {"candidates": spaces.Box(0, 1, (num_candidates, topics))}
        self.field_docs = {"candidates": "one-hot topic of each candidate"}
        self.num_candidates, self.slate_size = num_candidates, slate_size
        self.info_channels = ["clicked_slot"]
        self.max_episode_steps = episode_steps
        self.fail_at_step, self.steps = fail_at_step, 0
        self.random = [random.Random(0) for _ in range(num_envs)]
        self.topics = [[0] * num_candidates for _ in range(num_envs)]

    def _draw_candidates(self, i, out, row):
        rng = self.random[i]
        self.topics[i] = [rng.randrange(len(CLICK_RATE)) for _ in range(self.num_candidates)]
        out.obs["candidates"][row] = [[1.0 if t == topic else 0.0 for t in range(len(CLICK_RATE))]
                                      for topic in self.topics[i]]

    def reset(self, ids, seeds, out):
        for row, (i, seed) in enumerate(zip(ids, seeds)):
            self.random[i] = random.Random(seed)
            self._draw_candidates(i, out, row)
            out.info[row] = [-1]

    def step(self, actions, out):
        self.steps += 1
        if self.fail_at_step and self.steps >= self.fail_at_step:
            raise RuntimeError("the simulator failed on purpose at step %d" % self.steps)
        for i, slate in enumerate(actions):
            rng = self.random[i]
            clicked = -1
            for slot, candidate in enumerate(slate):
                if rng.random() < CLICK_RATE[self.topics[i][int(candidate)]]:
                    clicked = slot
                    break
            out.reward[i] = 1.0 if clicked >= 0 else 0.0
            out.terminated[i] = False
            out.truncated[i] = False
            out.info[i] = [clicked]
            self._draw_candidates(i, out, i)
