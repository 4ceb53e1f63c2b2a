#!/bin/bash
# `rlrec ope` end to end: decisions per second and peak RSS over a dataset of N decisions
# (bench/RESULTS.md). Collects N decisions of epsilon-greedy (epsilon 0.3) on bandit.linear
# (100-step episodes, slate 2) around a briefly trained checkpoint, then times
# `rlrec ope --json` of that checkpoint's greedy policy with /usr/bin/time -v.
#   bench/ope_cli_bench.sh BUILD_DIR WORK_DIR [DECISIONS...]     (default: 100000 1000000)
set -euo pipefail
build=$(realpath "$1")
work=$2
shift 2
sizes=("${@:-100000 1000000}")
rlrec=$build/bin/rlrec
mkdir -p "$work" && cd "$work"
cat > target.yaml <<'YAML'
run:
  name: ope_bench
  seed: 1
  total_env_steps: 20000
  eval: {every_steps: 0, episodes: 10}
  checkpoint: {every_steps: 20000, keep: 1}
env:
  plugin: bandit.linear
  num_envs: 8
  params: {user_dim: 5, item_dim: 5, num_candidates: 10, slate_size: 2, episode_length: 100}
policy:
  plugin: egreedy
  params: {outer_features: true, credit: cascade, epsilon: 0.2}
loggers: []
YAML
[ -d target ] || "$rlrec" train target.yaml --run-dir target --json >/dev/null
echo "| decisions | file | seconds | decisions/s | peak RSS |"
echo "|---:|---:|---:|---:|---:|"
for n in ${sizes[*]}; do
  data=eg_$n.jsonl
  [ -f "$data" ] || "$rlrec" collect --checkpoint target --set policy.params.epsilon=0.3 \
    --episodes $((n / 100)) --out "$data" --json >/dev/null
  /usr/bin/time -v "$rlrec" ope --data "$data" --checkpoint target --json >ope_$n.json 2>time_$n.txt
  seconds=$(awk -F': ' '/Elapsed/ {split($2, t, ":"); print t[1] * 60 + t[2]}' time_$n.txt)
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' time_$n.txt)
  bytes=$(stat -c %s "$data")
  awk -v n="$n" -v s="$seconds" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "| %d | %.0f MB | %.1f | %.0f | %.0f MiB |\n", n, b / 1e6, s, n / s, r / 1024 }'
done
