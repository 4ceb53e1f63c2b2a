"""What the Python tests share: paths from the ctest environment, temporary folders, and an
episode loop.

ctest sets RLREC_TEST_FIXTURES (the ABI-version fixture plugins), RLREC_LAYOUT_PROGRAM (the C
layout printer) and RLREC_SOURCE_DIR; the package itself is found on PYTHONPATH.
"""

import os
import shutil
import tempfile
import unittest

from rlrec._arrays import to_list

SOURCE_DIR = os.environ.get(
    "RLREC_SOURCE_DIR", os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..")))


def required_path(variable):
    """The path in environment variable ``variable``; skips the test when it is unset."""
    value = os.environ.get(variable)
    if not value:
        raise unittest.SkipTest("%s is not set (run the Python tests through ctest)" % variable)
    return value


class TempDirTest(unittest.TestCase):
    """A test case with a fresh temporary folder in ``self.tmp``."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rlrec_py_")
        self.addCleanup(shutil.rmtree, self.tmp, True)


def has_env(plugin_id):
    """Whether the engine finds env plugin ``plugin_id`` (the RecSim and bandit plugins are
    built by other parts of the tree)."""
    import rlrec
    try:
        rlrec.make(plugin_id).close()
        return True
    except rlrec.ConfigError:
        return False


def has_policy(plugin_id):
    """Whether the engine finds policy plugin ``plugin_id``."""
    import rlrec
    try:
        rlrec.Engine.from_yaml({"env": {"plugin": "example.feed"},
                                "policy": {"plugin": plugin_id}}).close()
        return True
    except rlrec.ConfigError:
        return False


def episode_returns(env, act, episodes_wanted, seed):
    """The returns of the first ``episodes_wanted`` episodes of vector ``env`` that end, acting
    with ``act(obs, episode_start)`` (episode_start: a 0/1 flag per sub-env) from ``reset(seed)``."""
    obs, _ = env.reset(seed=seed)
    running = [0.0] * env.num_envs
    starts = [1] * env.num_envs
    returns = []
    while len(returns) < episodes_wanted:
        obs, reward, terminated, truncated, _ = env.step(act(obs, starts))
        ended = [t or u for t, u in zip(to_list(terminated), to_list(truncated))]
        for i, (r, done) in enumerate(zip(to_list(reward), ended)):
            running[i] += r
            if done:
                returns.append(running[i])
                running[i] = 0.0
        starts = [int(done) for done in ended]
    return returns[:episodes_wanted]
