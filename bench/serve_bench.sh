#!/bin/bash
# `rlrec serve` under load on loopback (bench/RESULTS.md): trains an epsilon-greedy checkpoint on
# bandit.linear for 10 and for 100 candidates (5 context and 5 item features, slate 2), serves
# each in explore mode (the decisions logged, no rewards: every one waits out a 5 s join window),
# and runs bench_serve at 1 and 64 keep-alive connections (closed loop: throughput at
# saturation), 64 connections with a hot reload every second, and (10 candidates) 10 000
# requests/s on a schedule. The load generator runs on the same machine.
#   bench/serve_bench.sh BUILD_DIR WORK_DIR [REQUESTS] [SECONDS] [SERVER_THREADS]
set -euo pipefail
build=$(realpath "$1")
work=$2
requests=${3:-200000}
seconds=${4:-10}
threads=${5:-2}
rlrec=$build/bin/rlrec
bench=$build/bin/bench_serve
mkdir -p "$work" && cd "$work"

for n in 10 100; do
  cat > bandit_$n.yaml <<YAML
run: {name: serve_bench_$n, seed: 1, total_env_steps: 2000, eval: {every_steps: 0, episodes: 4}}
env:
  plugin: bandit.linear
  num_envs: 8
  params: {user_dim: 5, item_dim: 5, num_candidates: $n, slate_size: 2, episode_length: 100}
policy:
  plugin: egreedy
  params: {outer_features: true, credit: cascade, epsilon: 0.1}
loggers: []
YAML
  [ -d run_$n ] || "$rlrec" train bandit_$n.yaml --run-dir run_$n --json >/dev/null
  rm -rf log_$n
  "$rlrec" serve --checkpoint run_$n --port 0 --threads "$threads" --log-dir log_$n --join-window 5 \
    > serve_$n.out 2> serve_$n.err &
  server=$!
  for _ in $(seq 100); do grep -q "http://" serve_$n.out 2>/dev/null && break; sleep 0.1; done
  port=$(sed -n 's/.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' serve_$n.out)
  "$bench" --port "$port" --connections 64 --candidates $n --requests 20000 --seconds 3 > /dev/null  # warm-up
  for c in 1 64; do
    "$bench" --port "$port" --connections $c --candidates $n --requests "$requests" --seconds "$seconds"
  done
  "$bench" --port "$port" --connections 64 --candidates $n --requests "$requests" --seconds "$seconds" --reload-every 1
  # The goal's operating point: 10 000 requests/s on a schedule (open loop), 64 connections.
  [ $n = 10 ] && "$bench" --port "$port" --connections 64 --candidates $n --requests "$requests" --seconds "$seconds" --rate 10000
  rss=$(awk '/VmHWM/ {print $2 " " $3}' /proc/$server/status)
  kill -TERM $server
  wait $server
  echo "  server: peak RSS $rss; logged $(cat log_$n/decisions-*.jsonl | wc -l) decisions"
done
