"""rlrec serve end to end: python3 test_serve.py RLREC_BINARY SOURCE_DIR.

Trains a small epsilon-greedy checkpoint on bandit.linear, serves it on a free port, and checks the
API (docs/serving.md): rank and reward, every documented refusal, a slow client, late rewards, a
hot reload under load without a failed request, a clean stop that writes the decision log, and
`rlrec train` with `input: {dataset: ...}` on that log; --watch (set in a --config file) serving a
newer checkpoint; and bad --config entries refused with file:line:column.
"""
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

RLREC = sys.argv[1] if len(sys.argv) > 1 else "rlrec"
SOURCE = sys.argv[2] if len(sys.argv) > 2 else "."
CONFIG = """
run: {name: serve_test, seed: 1, total_env_steps: 1000, eval: {episodes: 4}, checkpoint: {keep: 5}}
env:
  plugin: bandit.linear
  num_envs: 4
  params: {user_dim: 5, item_dim: 5, num_candidates: 10, slate_size: 2, episode_length: 50}
policy:
  plugin: egreedy
  params: {outer_features: true, credit: cascade, epsilon: 0.2}
loggers: []
"""
WINDOW_S = 1.0  # join window of the server under test


def run(*args):
    done = subprocess.run([RLREC, *args], capture_output=True, text=True, timeout=240)
    if done.returncode != 0:
        raise AssertionError(f"rlrec {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def start_server(run_dir, log_dir, *options):
    """`rlrec serve` of run_dir on a free port: (the process, its port)."""
    server = subprocess.Popen([RLREC, "serve", "--checkpoint", run_dir, "--port", "0", "--log-dir", log_dir, *options],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if not line:
        raise AssertionError("the server did not start: " + server.stderr.read())
    return server, int(line.split("http://127.0.0.1:")[1].split()[0])


class Client:
    """One keep-alive connection."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def __del__(self):
        self.connection.close()

    def call(self, method, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = self.connection.getresponse()
        text = response.read().decode()
        return response.status, (json.loads(text) if response.getheader("Content-Type") == "application/json" else text)


def candidates(rng, n=10, dim=5):
    return [{"id": f"doc{i}", "features": [rng.uniform(-1, 1) for _ in range(dim)]} for i in range(n)]


def rank_body(rng, count=1, n=10):
    return {"requests": [{"context": [rng.uniform(-1, 1) for _ in range(5)], "candidates": candidates(rng, n)}
                         for _ in range(count)]}


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="rlrec_serve_")
        cls.dir = cls.tmp.name
        cls.config = os.path.join(cls.dir, "train.yaml")
        with open(cls.config, "w") as f:
            f.write(CONFIG)
        cls.run_dir = os.path.join(cls.dir, "run")
        run("train", cls.config, "--run-dir", cls.run_dir)
        cls.log_dir = os.path.join(cls.dir, "served")
        cls.server, cls.port = start_server(cls.run_dir, cls.log_dir, "--join-window", str(WINDOW_S),
                                            "--flush-interval", "0.1", "--read-timeout", "1",
                                            "--max-body-bytes", "65536", "--max-batch", "8")
        cls.decisions = 0  # decisions the tests made (every one must reach the log)
        cls.lock = threading.Lock()

    @classmethod
    def tearDownClass(cls):
        if cls.server.poll() is None:
            cls.server.kill()
        cls.tmp.cleanup()

    def rank(self, client, body):
        status, answer = client.call("POST", "/v1/rank", body)
        if status == 200:
            with self.lock:
                type(self).decisions += len(answer["results"])
        return status, answer

    # The tests run in name order (unittest sorts them): the stop and the training come last.
    def test_1_rank_and_reward(self):
        rng = random.Random(1)
        client = Client(self.port)
        body = rank_body(rng, count=3)
        status, answer = self.rank(client, body)
        self.assertEqual(status, 200, answer)
        self.assertIn("+steps.1000.r1", answer["model_version"])
        self.assertEqual(len(answer["results"]), 3)
        ids = {c["id"] for c in body["requests"][0]["candidates"]}
        events = set()
        for result in answer["results"]:
            self.assertEqual(len(result["slate"]), 2)
            self.assertEqual(len(set(result["slate"])), 2)
            self.assertTrue(set(result["slate"]) <= ids)
            self.assertTrue(0 < result["slate_prob"] <= 1)
            for p in result["slot_propensity"]:
                self.assertTrue(0 < p <= 1)
            self.assertEqual(len(result["scores"]), 2)
            events.add(result["event_id"])
        self.assertEqual(len(events), 3)

        first = answer["results"][0]
        status, joined = client.call("POST", f"/v1/events/{first['event_id']}/reward",
                                     {"value": 1, "clicked_id": first["slate"][1]})
        self.assertEqual((status, joined["status"]), (200, "joined"))
        status, _ = client.call("POST", f"/v1/events/{first['event_id']}/reward", {"value": 1})
        self.assertEqual(status, 409)
        second = answer["results"][1]
        status, error = client.call("POST", f"/v1/events/{second['event_id']}/reward",
                                    {"value": 1, "clicked_id": "not-shown"})
        self.assertEqual(status, 400, error)
        status, _ = client.call("POST", f"/v1/events/{second['event_id']}/reward", {"value": 0.5})
        self.assertEqual(status, 200)
        type(self).rewarded_event = first["event_id"]
        type(self).clicked_slot = 1

    def test_1b_exclude_and_other_candidate_counts(self):
        # The checkpoint's egreedy has a shared model: it serves any N, so excluding items (which
        # removes them: its spec has no mask) and catalogues of another size both work.
        rng = random.Random(11)
        client = Client(self.port)
        body = rank_body(rng, count=2)
        excluded = ["doc0", "doc3", "doc7"]
        body["requests"][0]["exclude"] = excluded
        status, answer = client.call("POST", "/v1/rank", body)
        self.assertEqual(status, 200, answer)
        for _ in range(20):
            status, answer = client.call("POST", "/v1/rank", body)
            self.assertEqual(status, 200, answer)
            self.assertFalse(set(answer["results"][0]["slate"]) & set(excluded))
        status, answer = client.call("POST", "/v1/rank", rank_body(rng, count=1, n=4))
        self.assertEqual(status, 200, answer)
        self.assertTrue(set(answer["results"][0]["slate"]) <= {"doc0", "doc1", "doc2", "doc3"})
        # Logged apart, one dataset per shape: 21 with 7 candidates, 1 with 4; the second request
        # of each batch had the checkpoint's 10.
        type(self).other_counts = {7: 21, 4: 1}
        with self.lock:
            type(self).decisions += 21

    def test_2_refusals(self):
        rng = random.Random(2)
        client = Client(self.port)
        cases = [
            ("malformed JSON", "POST", "/v1/rank", b'{"requests": [', 400),
            ("not an object", "POST", "/v1/rank", b"[1, 2]", 400),
            ("no requests", "POST", "/v1/rank", {"requests": []}, 400),
            ("context dims", "POST", "/v1/rank",
             {"requests": [{"context": [1, 2], "candidates": candidates(rng)}]}, 400),
            ("feature dims", "POST", "/v1/rank",
             {"requests": [{"context": [0] * 5, "candidates": candidates(rng, dim=3)}]}, 400),
            ("feature type", "POST", "/v1/rank",
             {"requests": [{"context": [0] * 5, "candidates": [{"id": "a", "features": "x"}] * 10}]}, 400),
            ("id type", "POST", "/v1/rank",
             {"requests": [{"context": [0] * 5, "candidates": [{"id": [1], "features": [0] * 5}] * 10}]}, 400),
            ("feature out of float range", "POST", "/v1/rank",
             {"requests": [{"context": [0] * 5, "candidates": [{"id": f"d{i}", "features": [1e39] * 5}
                                                                for i in range(10)]}]}, 400),
            ("fewer candidates than the slate", "POST", "/v1/rank", rank_body(rng, n=1), 400),
            ("batch over the limit", "POST", "/v1/rank", rank_body(rng, count=9), 413),
            ("body over the limit", "POST", "/v1/rank", b" " * 70000, 413),
            ("unknown event", "POST", "/v1/events/00000000000000ff/reward", {"value": 1}, 404),
            ("malformed event id", "POST", "/v1/events/xyz/reward", {"value": 1}, 404),
            ("reward without value", "POST", "/v1/events/00000000000000ff/reward", {"clicked_id": "a"}, 400),
            ("wrong method", "GET", "/v1/rank", None, 405),
            ("unknown route", "GET", "/nope", None, 404),
        ]
        for what, method, path, body, expected in cases:
            with self.subTest(what):
                if expected == 413 and isinstance(body, bytes):
                    client = Client(self.port)  # the server closes a connection after a 413 of its body
                status, answer = client.call(method, path, body)
                self.assertEqual(status, expected, answer)
                self.assertIn("error", answer)
                if expected == 413:
                    client = Client(self.port)
        # Still serving, on a fresh connection and on the same one.
        self.assertEqual(self.rank(Client(self.port), rank_body(rng))[0], 200)
        self.assertEqual(Client(self.port).call("GET", "/healthz")[0], 200)

    def test_3_bad_clients(self):
        # Not HTTP at all: 400 and the connection closes.
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(b"GARBAGE\x00\x01 nonsense\r\n\r\n")
            reply = s.recv(4096)
            self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)
        # A slow client (half a request, then silence) is cut off after the read timeout (1 s).
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(b"POST /v1/rank HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"requ")
            start = time.monotonic()
            self.assertEqual(s.recv(4096), b"")
            self.assertLess(time.monotonic() - start, 8)
        # A random byte soup on many connections does not bring it down.
        rng = random.Random(3)
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
                s.sendall(b"POST /v1/rank HTTP/1.1\r\nContent-Length: 64\r\n\r\n" +
                          bytes(rng.randrange(256) for _ in range(64)))
                self.assertTrue(s.recv(4096).startswith(b"HTTP/1.1 400"))
        self.assertEqual(Client(self.port).call("GET", "/healthz")[0], 200)

    def test_4_late_reward(self):
        client = Client(self.port)
        status, answer = self.rank(client, rank_body(random.Random(4)))
        self.assertEqual(status, 200)
        event = answer["results"][0]["event_id"]
        time.sleep(WINDOW_S + 0.5)  # the window ends and the writer (every 0.1 s) logs it unrewarded
        client = Client(self.port)  # the idle one was closed after the read timeout (1 s)
        status, late = client.call("POST", f"/v1/events/{event}/reward", {"value": 2})
        self.assertEqual((status, late["status"]), (202, "late"))
        deadline = time.monotonic() + 5
        path = os.path.join(self.log_dir, "late", "late_rewards.jsonl")
        while not os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(path) as f:
            lines = [json.loads(line) for line in f]
        self.assertIn(event, [line["event_id"] for line in lines])
        status, metrics = client.call("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertIn("rlrec_serve_late_rewards_total 1", metrics)
        self.assertIn('rlrec_serve_requests_total{route="rank",code="200"}', metrics)
        self.assertIn("rlrec_serve_request_duration_seconds_bucket{route=\"rank\",le=\"+Inf\"}", metrics)

    def test_5_reload_under_load(self):
        status, models = Client(self.port).call("GET", "/v1/models")
        self.assertEqual(status, 200)
        old_version = models["models"][0]["model_version"]
        # A newer checkpoint in the served run folder.
        run("train", self.config, "--run-dir", self.run_dir, "--resume", "--set", "run.total_env_steps=2000")

        stop = threading.Event()
        failures, versions = [], set()

        def load(seed):
            rng = random.Random(seed)
            client = Client(self.port)
            while not stop.is_set():
                status, answer = self.rank(client, rank_body(rng, count=2))
                if status != 200:
                    failures.append((status, answer))
                else:
                    versions.add(answer["model_version"])

        threads = [threading.Thread(target=load, args=(seed,)) for seed in range(4)]
        def wait_for(seen):  # polled: a loaded machine only makes it slower
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not any(seen(v) for v in versions):
                time.sleep(0.05)

        for t in threads:
            t.start()
        wait_for(lambda v: v == old_version)
        status, reloaded = Client(self.port).call("POST", "/v1/models/reload")
        self.assertEqual(status, 200, reloaded)
        self.assertIn("+steps.2000.r2", reloaded["model_version"])
        wait_for(lambda v: v == reloaded["model_version"])
        self.server.send_signal(signal.SIGHUP)  # the same by signal
        wait_for(lambda v: ".r3" in v)
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertIn(old_version, versions)
        self.assertIn(reloaded["model_version"], versions)
        self.assertTrue(any(".r3" in v for v in versions), versions)
        self.assertEqual(Client(self.port).call("GET", "/v1/models")[1]["models"][0]["model_version"].split(".r")[-1], "3")

    def test_6_stop_and_train_from_the_log(self):
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=60), 0)
        stderr = self.server.stderr.read()
        self.assertIn("the decision log is written", stderr)
        self.assertNotIn("runtime error:", stderr)  # UBSan, in the sanitizer build
        self.assertNotIn("Sanitizer", stderr)
        lines = []
        for name in sorted(os.listdir(self.log_dir)):
            if name.startswith("decisions-"):
                with open(os.path.join(self.log_dir, name)) as f:
                    lines += [json.loads(line) for line in f]
        # Every decision is logged once: rewarded, expired, or written unrewarded at the stop.
        self.assertEqual(len(lines), self.decisions)
        self.assertEqual(len({d["event_id"] for d in lines}), len(lines))
        by_event = {d["event_id"]: d for d in lines}
        rewarded = by_event[self.rewarded_event]
        self.assertEqual(rewarded["reward"], 1)
        self.assertEqual(rewarded["info"]["clicked_slot"], self.clicked_slot)
        self.assertEqual(rewarded["info"]["rewarded"], 1)
        for d in lines:
            self.assertEqual((d["format"], d["t"], d["terminated"]), ("rlrec.decision/1", 0, True))
            self.assertEqual(d["episode_id"], int(d["event_id"], 16))
            self.assertEqual(len(d["obs"]["candidates"]), 10)
        self.assertEqual(sum(d["info"]["rewarded"] for d in lines), 2)
        for n, count in self.other_counts.items():
            shape_dir = os.path.join(self.log_dir, f"candidates-{n}")
            logged = []
            for name in sorted(os.listdir(shape_dir)):
                if name.startswith("decisions-"):
                    with open(os.path.join(shape_dir, name)) as f:
                        logged += [json.loads(line) for line in f]
            self.assertEqual(len(logged), count)
            self.assertTrue(all(len(d["obs"]["candidates"]) == n for d in logged))

        with open(os.path.join(self.dir, "from_log.yaml"), "w") as f:
            f.write(CONFIG.replace("total_env_steps: 1000", "total_env_steps: 0") +
                    f"input: {{dataset: {self.log_dir}, batch_size: 64}}\n")
        done = run("train", os.path.join(self.dir, "from_log.yaml"), "--run-dir", os.path.join(self.dir, "offline"),
                   "--json")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertEqual(result["env_steps"], len(lines))  # every logged decision was learnt from


class WatchTest(unittest.TestCase):
    def test_a_newer_checkpoint_is_served_without_being_asked(self):
        with tempfile.TemporaryDirectory(prefix="rlrec_watch_") as tmp:
            config = os.path.join(tmp, "train.yaml")
            with open(config, "w") as f:
                f.write(CONFIG)
            run_dir = os.path.join(tmp, "run")
            run("train", config, "--run-dir", run_dir)
            serve_config = os.path.join(tmp, "serve.yaml")  # the option from a --config file
            with open(serve_config, "w") as f:
                f.write("serve:\n  watch: 0.2\n")
            server, port = start_server(run_dir, os.path.join(tmp, "log"), "--config", serve_config)
            try:
                models = lambda: Client(port).call("GET", "/v1/models")[1]["models"][0]["model_version"]
                self.assertIn("+steps.1000.r1", models())
                run("train", config, "--run-dir", run_dir, "--resume", "--set", "run.total_env_steps=2000")
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and "+steps.2000" not in models():
                    time.sleep(0.1)
                self.assertIn("+steps.2000.r2", models())
                self.assertEqual(Client(port).call("POST", "/v1/rank", rank_body(random.Random(3)))[0], 200)
                server.send_signal(signal.SIGTERM)
                self.assertEqual(server.wait(timeout=60), 0)
            finally:
                if server.poll() is None:
                    server.kill()
                server.stdout.close()
                server.stderr.close()


class ConfigTest(unittest.TestCase):
    """A bad `serve:` map in --config: exit 2, an error naming file:line:column, nothing started."""

    def test_bad_settings_name_where_they_are(self):
        cases = [
            ("serve:\n  join_windw: 5\n", ":2:3: unknown setting serve.join_windw; did you mean 'join_window'?"),
            ("serve:\n  port: 70000\n", ":2:9: serve.port: '70000' is not a valid port"),
            ("serve:\n  greedy: maybe\n", ":2:11: serve.greedy: expected true or false"),
            ("serve:\n  log_dir: [a, b]\n", ":2:12: serve.log_dir: expected a single value"),
            ("serve: [watch]\n", ":1:8: 'serve' must be a map of settings"),
        ]
        with tempfile.TemporaryDirectory(prefix="rlrec_serve_config_") as tmp:
            path = os.path.join(tmp, "serve.yaml")
            for text, message in cases:
                with self.subTest(text=text):
                    with open(path, "w") as f:
                        f.write(text)
                    done = subprocess.run([RLREC, "serve", "--checkpoint", os.path.join(tmp, "none"), "--config", path,
                                           "--log-dir", os.path.join(tmp, "log")],
                                          capture_output=True, text=True, timeout=60)
                    self.assertEqual(done.returncode, 2, done.stderr)
                    self.assertIn(path + message, done.stderr)
                    self.assertFalse(os.path.exists(os.path.join(tmp, "log")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
