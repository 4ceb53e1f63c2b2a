"""An env written in Python, registered through rlrec_register_factory: the engine validates
its params, the C++ policies train on it (on worker threads too), and its failures come back as
the engine's errors. The ABI's round trip."""

import os
import unittest

import rlrec
from rlrec._arrays import to_list

from support import TempDirTest, has_policy
from topic_env import CLICK_RATE, TopicFeed


def config(policy, steps=3000, workers=1, **env_params):
    return {"run": {"name": "py_env", "seed": 4, "total_env_steps": steps, "workers": workers,
                    "eval": {"episodes": 200}},
            "env": {"plugin": TopicFeed.id, "num_envs": 8, "params": env_params},
            "policy": policy, "loggers": []}


class PythonEnvTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.registration = rlrec.register_env(TopicFeed)

    @classmethod
    def tearDownClass(cls):
        cls.registration.__exit__(None, None, None)

    def train(self, cfg):
        with rlrec.Engine.from_yaml(cfg) as engine:
            return engine.train(os.path.join(self.tmp, "run"))

    def test_a_cpp_policy_trains_on_it(self):
        random_return = self.train(config({"plugin": "random"})).episode_return_mean
        self.assertAlmostEqual(random_return, 10 * sum(CLICK_RATE) / len(CLICK_RATE), delta=0.6)
        if not has_policy("linucb"):
            self.skipTest("the linucb plugin is not built")
        learnt = self.train(config({"plugin": "linucb"}))
        # Best of 6 candidates each step: P(max topic among 6 draws) is high; ~6.5 clicks of 10.
        self.assertGreater(learnt.episode_return_mean, random_return + 2.5)
        self.assertEqual(learnt.episode_length_mean, 10)

    def test_worker_threads_call_it_too(self):
        one = self.train(config({"plugin": "random"}, workers=1))
        two = self.train(config({"plugin": "random"}, workers=2))
        self.assertEqual(one, two)

    def test_its_schema_is_validated_by_the_engine(self):
        with self.assertRaisesRegex(rlrec.ConfigError, "did you mean 'slate_size'"):
            rlrec.Engine.from_yaml(config({"plugin": "random"}, slate_sise=2))
        with self.assertRaisesRegex(rlrec.ConfigError, "episode_steps"):
            rlrec.make(TopicFeed.id, episode_steps=0)
        with self.assertRaisesRegex(rlrec.ConfigError, "slate_size \\(5\\) must not exceed"):
            rlrec.make(TopicFeed.id, slate_size=5, num_candidates=4)

    def test_its_exceptions_become_the_engines_errors(self):
        with self.assertRaisesRegex(rlrec.RuntimeFailure, "pytest.topic_feed.*<python>.*"
                                    "failed on purpose at step 3"), \
                self.assertLogs("rlrec", level="ERROR"):
            self.train(config({"plugin": "random"}, fail_at_step=3))

    def test_a_duplicate_id_is_refused(self):
        with self.assertRaisesRegex(rlrec.ConfigError, "already registered"):
            rlrec.register_env(TopicFeed)

    def test_make_drives_it_with_the_hosts_time_limit(self):
        with rlrec.make(TopicFeed.id, episode_steps=3) as env:
            env.reset(seed=1)
            flags = [env.step([0])[3] for _ in range(3)]
            self.assertEqual(flags, [False, False, True])
            with self.assertRaises(rlrec.StateError):
                env.step([0])
        with rlrec.make(TopicFeed.id, num_envs=2, episode_steps=2) as env:
            env.reset(seed=1)
            env.step([[0], [1]])
            _, _, _, truncated, info = env.step([[0], [1]])
            self.assertEqual(to_list(truncated), [True, True])
            self.assertEqual(to_list(info["_final_obs"]), [True, True])
            env.step([[0], [1]])

    def test_slates_are_checked_before_python_runs(self):
        with rlrec.make(TopicFeed.id, slate_size=2) as env:
            env.reset(seed=0)
            with self.assertRaisesRegex(rlrec.InvalidArgumentError,
                                        "candidate 1 is already in slot 0"):
                env.step([1, 1])

    def test_its_log_lines_reach_python_logging(self):
        with rlrec.make(TopicFeed.id):
            with self.assertLogs("rlrec", level="INFO") as logs:
                instance = next(iter(rlrec.pyenv.Registration._instances.values())).env
                instance.log("hello from python")
        self.assertIn("hello from python", logs.output[0])



if __name__ == "__main__":
    unittest.main()
