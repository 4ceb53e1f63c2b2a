"""rlrec.Engine: YAML to train, evaluate, act, save and load; errors, logs and interrupts."""

import os
import subprocess
import sys
import textwrap
import threading
import unittest

import rlrec
from rlrec._arrays import to_list

from support import TempDirTest, episode_returns

CONFIG = """\
run: {name: py, seed: 1, total_env_steps: 800, eval: {episodes: 6}}
env: {plugin: example.feed, num_envs: 4}
policy: {plugin: random}
loggers: [{plugin: csv}]
"""

LONG = {"run": {"name": "long", "seed": 1, "total_env_steps": 10 ** 10,
                "checkpoint": {"every_steps": 10 ** 9}},
        "env": {"plugin": "example.feed", "num_envs": 4}, "policy": {"plugin": "random"},
        "loggers": []}


class EngineTest(TempDirTest):
    def test_train_evaluate_act_save_load(self):
        with rlrec.Engine.from_yaml(CONFIG, overrides={"run.seed": 3}) as engine:
            result = engine.train(os.path.join(self.tmp, "run"))
            self.assertEqual((result.episodes, result.env_steps), (6, 800))
            self.assertGreater(result.episode_length_mean, 0)
            self.assertTrue(os.path.exists(os.path.join(self.tmp, "run", "progress.csv")))
            again = engine.evaluate(episodes=4)
            self.assertEqual(again.episodes, 4)

            batch = engine.observation_space.sample()
            one = engine.act(batch)
            self.assertEqual(len(to_list(one.slates)), 2)
            rows = {name: [to_list(value)] * 3 for name, value in batch.items()}
            many = engine.act(rows, greedy=False, episode_start=[1, 0, 0])
            self.assertEqual(len(to_list(many.slates)), 3)
            self.assertAlmostEqual(to_list(many.slate_prob)[0], 1 / 90, places=6)
            engine.save(os.path.join(self.tmp, "saved"))
        with rlrec.Engine.load(os.path.join(self.tmp, "saved")) as restored:
            self.assertEqual(restored.evaluate(3).env_steps, 800)
        with rlrec.Engine.from_checkpoint(os.path.join(self.tmp, "run"),
                                          overrides=["run.eval.episodes=2"]) as restored:
            self.assertEqual(restored.evaluate(2).episodes, 2)

    def test_act_with_the_env_lets_the_myopic_policy_read_its_choice_model(self):
        # Interest exploration: myopic ~40 per episode, random ~23. A Python loop acting with
        # env= must score what the engine's own evaluation of myopic scores; acting without the
        # env is the serving case, which myopic cannot do.
        config = {"run": {"name": "myopic", "seed": 5}, "policy": {"plugin": "myopic"},
                  "env": {"plugin": "recsim.interest_exploration", "num_envs": 8}, "loggers": []}
        with rlrec.Engine.from_yaml(config) as engine, \
                rlrec.make("recsim.interest_exploration", num_envs=8) as env:
            reference = engine.evaluate(episodes=48)
            obs, _ = env.reset(seed=11)
            with self.assertRaises(rlrec.UnsupportedError):
                engine.act(obs)
            returns = episode_returns(
                env, lambda obs, starts: engine.act(obs, episode_start=starts, env=env).slates,
                48, seed=11)
        mean = sum(returns) / len(returns)
        std = (sum((x - mean) ** 2 for x in returns) / (len(returns) - 1)) ** 0.5
        standard_error = (std ** 2 / len(returns) + reference.episode_return_std ** 2 / 48) ** 0.5
        self.assertGreater(reference.episode_return_mean, 30)
        self.assertLess(abs(mean - reference.episode_return_mean), 4 * standard_error,
                        (mean, reference.episode_return_mean, standard_error))

    def test_a_file_and_a_mapping_are_configs_too(self):
        path = os.path.join(self.tmp, "config.yaml")
        with open(path, "w") as file:
            file.write(CONFIG)
        with rlrec.Engine.from_yaml(path) as engine:
            self.assertEqual(engine.env_spec.num_candidates, 10)
        with rlrec.Engine.from_yaml(dict(LONG, run={"name": "m", "total_env_steps": 40})) as engine:
            self.assertEqual(engine.train(os.path.join(self.tmp, "m")).env_steps, 40)

    def test_errors_are_exceptions_with_the_engines_message(self):
        with self.assertRaisesRegex(rlrec.ConfigError, r"<python>:2:29: .*did you mean 'num_envs'"):
            rlrec.Engine.from_yaml("run: {name: x}\nenv: {plugin: example.feed, nm_envs: 2}\n"
                                   "policy: {plugin: random}\n")
        with self.assertRaisesRegex(rlrec.ConfigError, "config.yaml"):
            rlrec.Engine.from_yaml(os.path.join(self.tmp, "config.yaml"))
        with rlrec.Engine.from_yaml(CONFIG) as engine:
            with self.assertRaisesRegex(rlrec.ConfigError, "at least 1"):
                engine.evaluate(0)
        with self.assertRaises(rlrec.Error):
            rlrec.Engine.from_checkpoint(os.path.join(self.tmp, "nothing"))

    def test_log_lines_go_to_python_logging(self):
        with rlrec.Engine.from_yaml(CONFIG) as engine:
            with self.assertLogs("rlrec", level="INFO") as logs:
                engine.train(os.path.join(self.tmp, "run"))
        self.assertTrue(any("finished 800 env steps" in line for line in logs.output))

    def test_interrupt_from_another_thread_stops_with_a_checkpoint(self):
        run = os.path.join(self.tmp, "run")
        with rlrec.Engine.from_yaml(LONG) as engine:
            threading.Timer(0.5, engine.interrupt).start()
            with self.assertRaises(rlrec.Interrupted) as caught, \
                    self.assertLogs("rlrec", level="WARNING") as logs:
                engine.train(run)
        self.assertIn("writing a final checkpoint", logs.output[0])
        self.assertIn("interrupted", str(caught.exception))
        self.assertTrue(os.path.isdir(os.path.join(run, "checkpoints")), os.listdir(run))

    def test_ctrl_c_stops_a_training_cleanly(self):
        script = textwrap.dedent("""
            import os, signal, sys, threading, time
            import rlrec
            engine = rlrec.Engine.from_yaml(%r)
            threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
            started = time.monotonic()
            try:
                engine.train(sys.argv[1])
            except KeyboardInterrupt as stop:
                print("stopped after %%.1f s: %%s" %% (time.monotonic() - started, stop))
        """ % (rlrec._yaml_text.to_yaml(LONG),))
        run = os.path.join(self.tmp, "run")
        done = subprocess.run([sys.executable, "-c", script, run], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("stopped after", done.stdout)
        self.assertTrue(os.path.isdir(os.path.join(run, "checkpoints")))


if __name__ == "__main__":
    unittest.main()
