"""Version negotiation seen from Python: a plugin of another minor of the engine's major loads
and runs; a plugin of another major is refused with the loader's message; plugin_abi reports
which is which before anything is loaded. Fixtures: fixtures/abi_version_env.c."""

import os
import unittest

import rlrec
from rlrec._arrays import to_list

from support import TempDirTest, required_path


def fixture(name):
    return os.path.join(required_path("RLREC_TEST_FIXTURES"), "libabi_%s.so" % name)


class AbiVersionTest(TempDirTest):
    def run_env(self, name):
        with rlrec.make(fixture(name), num_envs=2) as env:
            env.reset(seed=0)
            _, reward, _, _, _ = env.step([[2], [1]])
            return to_list(reward)

    def train_episode_length(self, name):
        """A short run of the fixture env under the engine's runner (autoreset, evaluation)."""
        config = {"run": {"name": name, "total_env_steps": 80, "eval": {"episodes": 4}},
                  "env": {"plugin": fixture(name), "num_envs": 2},
                  "policy": {"plugin": "random"}, "loggers": []}
        with rlrec.Engine.from_yaml(config) as engine:
            return engine.train(os.path.join(self.tmp, name)).episode_length_mean

    def test_a_plugin_built_for_abi_1_0_is_an_older_minor_and_loads_into_this_engine(self):
        info = rlrec.plugin_abi(fixture("1_0"))
        # ABI 1.1 appended rlrec_transition_batch.slot_propensity, so the pinned 1.0 fixture is
        # a plugin of an older minor of this engine's major, not one of the same version.
        self.assertEqual(info.engine_version, (1, 1, 0))
        self.assertEqual(info.version, (1, 0, 0))
        self.assertTrue(info.compatible, info.message)
        self.assertIn("older minor", info.message)
        self.assertEqual(self.run_env("1_0"), [2.0, 1.0])
        self.assertEqual(self.train_episode_length("1_0"), 4)

    def test_a_plugin_of_a_newer_minor_loads_and_its_appended_fields_are_ignored(self):
        info = rlrec.plugin_abi(fixture("newer_minor"))
        self.assertEqual(info.version[0], info.engine_version[0])
        self.assertEqual(info.version[1], info.engine_version[1] + 1)
        self.assertTrue(info.compatible)
        self.assertIn("newer minor", info.message)
        self.assertEqual(self.run_env("newer_minor"), [2.0, 1.0])
        self.assertEqual(self.train_episode_length("newer_minor"), 4)

    def test_a_plugin_of_a_newer_major_is_refused_with_a_message(self):
        info = rlrec.plugin_abi(fixture("newer_major"))
        self.assertEqual(info.version[0], info.engine_version[0] + 1)
        self.assertFalse(info.compatible)
        self.assertIn("refused", info.message)
        major, minor, patch = rlrec.abi_version()
        with self.assertRaisesRegex(rlrec.ConfigError, "refused: built for rlrec ABI %d.0.0, this "
                                    "engine speaks ABI %d.%d.%d \\(the major versions must match\\)"
                                    % (major + 1, major, minor, patch)):
            rlrec.make(fixture("newer_major"))

    def test_a_library_that_is_no_plugin(self):
        info = rlrec.plugin_abi(rlrec._library.engine_library()._name)
        self.assertFalse(info.compatible)
        self.assertIn("lacks the entry symbol", info.message)


if __name__ == "__main__":
    unittest.main()
