"""rlrec.make: the Gymnasium-shaped wrappers over a C env plugin (example.feed)."""

import unittest

import rlrec
from rlrec._arrays import numpy, to_list


def feed(num_envs=1, copy=False, **params):
    return rlrec.make("example.feed", num_envs=num_envs, copy=copy, **params)


def rollout(env, seed, steps, actions):
    obs, _ = env.reset(seed=seed)
    trace = [to_list(obs)]
    for _ in range(steps):
        obs, reward, terminated, truncated, info = env.step(actions)
        trace.append((to_list(obs), to_list(reward), to_list(terminated), to_list(truncated),
                      to_list({k: v for k, v in info.items() if not k.startswith("final")})))
    return trace


class SingleEnvTest(unittest.TestCase):
    def test_reset_and_step_follow_gymnasium(self):
        with feed(num_candidates=6, slate_size=3) as env:
            self.assertEqual(env.action_space.n, 6)
            self.assertEqual(env.action_space.size, 3)
            obs, info = env.reset(seed=5)
            self.assertTrue(env.observation_space.contains(obs))
            self.assertEqual(set(info), {"clicked_slot", "engagement"})
            self.assertEqual(info["clicked_slot"], -1.0)
            obs, reward, terminated, truncated, info = env.step([0, 1, 2])
            self.assertIsInstance(reward, float)
            self.assertIsInstance(terminated, bool)
            self.assertIsInstance(truncated, bool)
            self.assertTrue(env.observation_space.contains(obs))

    def test_a_step_after_the_end_asks_for_reset(self):
        with feed(budget=1, quality_bonus=0) as env:
            env.reset(seed=1)
            _, _, terminated, truncated, _ = env.step([0, 1])
            self.assertTrue(terminated or truncated)
            with self.assertRaisesRegex(rlrec.StateError, "call reset first"):
                env.step([0, 1])
            env.reset()
            env.step([0, 1])

    def test_the_same_seed_gives_the_same_episode(self):
        with feed() as a, feed() as b:
            self.assertEqual(rollout(a, 11, 15, [0, 1]), rollout(b, 11, 15, [0, 1]))
        with feed() as a, feed() as b:
            self.assertNotEqual(rollout(a, 11, 5, [0, 1]), rollout(b, 12, 5, [0, 1]))

    def test_errors_carry_the_plugins_message(self):
        with self.assertRaisesRegex(rlrec.ConfigError, "did you mean 'num_candidates'"):
            feed(num_candidate=4)
        with self.assertRaisesRegex(rlrec.ConfigError, "unknown env plugin 'example.fed'"):
            rlrec.make("example.fed")
        with self.assertRaisesRegex(rlrec.ConfigError, "slate_size"):
            feed(num_candidates=2, slate_size=3)
        with feed() as env:
            env.reset(seed=0)
            with self.assertRaisesRegex(rlrec.InvalidArgumentError,
                                        "sub-env 0, slot 1: candidate 0 is already in slot 0"):
                env.step([0, 0])
            with self.assertRaisesRegex(rlrec.InvalidArgumentError, "expected 1 x 2"):
                env.step([0, 1, 2])


class VectorEnvTest(unittest.TestCase):
    def test_spaces_are_batched(self):
        with feed(num_envs=3, num_candidates=4) as env:
            self.assertEqual(env.num_envs, 3)
            self.assertEqual(env.observation_space["candidates"].shape, (3, 4, 5))
            self.assertEqual(env.single_observation_space["candidates"].shape, (4, 5))
            self.assertEqual(env.action_space.shape, (3, 2))
            obs, _ = env.reset(seed=0)
            self.assertTrue(env.observation_space.contains(obs))

    def test_seed_s_gives_sub_env_i_the_seed_s_plus_i(self):
        with feed(num_envs=3) as vector, feed() as single:
            obs, _ = vector.reset(seed=20)
            for i in range(3):
                one, _ = single.reset(seed=20 + i)
                self.assertEqual(to_list(obs["user"])[i], to_list(one["user"]))

    def test_ended_sub_envs_reset_in_the_same_step(self):
        with feed(num_envs=4, budget=3, quality_bonus=0) as env:
            env.reset(seed=3)
            ended_seen = False
            for _ in range(12):
                obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
                ended = [t or u for t, u in zip(to_list(terminated), to_list(truncated))]
                self.assertEqual(to_list(info.get("_final_obs", [False] * 4)), ended)
                if any(ended):
                    ended_seen = True
                    i = ended.index(True)
                    final_user = to_list(info["final_obs"]["user"])[i]
                    self.assertEqual(len(final_user), 5)
                    self.assertEqual(to_list(obs["response"])[i], [[0.0, 0.0], [0.0, 0.0]])
                    self.assertEqual(to_list(info["clicked_slot"])[i], -1.0)
            self.assertTrue(ended_seen)

    def test_autoreset_episodes_are_reproducible(self):
        actions = [[0, 1]] * 4
        with feed(num_envs=4, budget=4) as a, feed(num_envs=4, budget=4) as b:
            self.assertEqual(rollout(a, 9, 30, actions), rollout(b, 9, 30, actions))

    def test_a_seed_list_and_errors(self):
        with feed(num_envs=2) as env:
            env.reset(seed=[4, 5])
            with self.assertRaisesRegex(rlrec.InvalidArgumentError, "3 seeds for 2 sub-envs"):
                env.reset(seed=[1, 2, 3])
            with self.assertRaisesRegex(rlrec.InvalidArgumentError, "reset options"):
                env.reset(options={"anything": 1})
            with self.assertRaisesRegex(rlrec.InvalidArgumentError, "sub-env 1, slot 0: "
                                        "candidate index 10 is out of range"):
                env.step([[0, 1], [10, 1]])


@unittest.skipIf(numpy is None, "zero-copy views need numpy")
class ZeroCopyTest(unittest.TestCase):
    def test_observations_are_views_over_the_hosts_buffers(self):
        with feed(num_envs=2) as env:
            first, _ = env.reset(seed=0)
            second, reward, terminated, _, _ = env.step([[0, 1], [1, 2]])
            self.assertIs(first["user"], second["user"])
            self.assertEqual(second["candidates"].dtype, numpy.float32)
            self.assertEqual(terminated.dtype, numpy.bool_)
            self.assertEqual(reward.dtype, numpy.float32)

    def test_copy_gives_fresh_arrays(self):
        with feed(num_envs=2, copy=True) as env:
            first, _ = env.reset(seed=0)
            second, _, _, _, _ = env.step([[0, 1], [1, 2]])
            self.assertFalse(numpy.shares_memory(first["user"], second["user"]))

    def test_the_single_env_view_is_row_zero(self):
        with feed() as env:
            obs, _ = env.reset(seed=0)
            self.assertEqual(obs["candidates"].shape, (10, 5))
            self.assertTrue(numpy.shares_memory(obs["candidates"],
                                                env._core.batch.obs["candidates"].array))


@unittest.skipIf(numpy is not None, "the list backend is used only without numpy")
class ListBackendTest(unittest.TestCase):
    def test_values_are_plain_lists(self):
        with feed(num_envs=2) as env:
            obs, info = env.reset(seed=0)
            self.assertIsInstance(obs["candidates"], list)
            self.assertIsInstance(obs["candidates"][0][0], list)
            _, reward, terminated, _, info = env.step([[0, 1], [1, 2]])
            self.assertIsInstance(reward, list)
            self.assertIsInstance(terminated[0], bool)
            self.assertIsInstance(info["clicked_slot"], list)


if __name__ == "__main__":
    unittest.main()
