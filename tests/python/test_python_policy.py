"""A policy written in Python drives a C++ simulator (recsim.interest_evolution) through
rlrec.make, and earns more than random slates."""

import unittest

import rlrec
from rlrec._arrays import numpy

from support import episode_returns, has_env

ENV = "recsim.interest_evolution"


def interest_matching(obs, slate_size):
    """Top-k candidates by the user's interest in their topic: candidates [N, T] one-hot topics
    times user [T] interests. One row per sub-env."""
    if numpy is not None:
        scores = numpy.einsum("bnt,bt->bn", obs["candidates"], obs["user"])
        return numpy.argsort(-scores, axis=1, kind="stable")[:, :slate_size]
    slates = []
    for candidates, user in zip(obs["candidates"], obs["user"]):
        scores = [sum(c * u for c, u in zip(row, user)) for row in candidates]
        slates.append(sorted(range(len(scores)), key=lambda i: -scores[i])[:slate_size])
    return slates


def mean_return(env, policy, episodes_wanted, seed):
    """Mean return of the first ``episodes_wanted`` episodes that end."""
    return sum(episode_returns(env, lambda obs, _: policy(obs), episodes_wanted, seed)) / episodes_wanted


@unittest.skipUnless(has_env(ENV), ENV + " is not built")
class PythonPolicyTest(unittest.TestCase):
    def test_interest_matching_beats_random_slates(self):
        episodes = 256
        with rlrec.make(ENV, num_envs=16) as env:
            size = env.single_action_space.size
            env.action_space.seed(0)
            chance = mean_return(env, lambda obs: env.action_space.sample(), episodes, seed=1)
            matched = mean_return(env, lambda obs: interest_matching(obs, size), episodes, seed=1)
        self.assertGreater(matched, chance * 1.04, (matched, chance))


if __name__ == "__main__":
    unittest.main()
