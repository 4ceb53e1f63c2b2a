#!/bin/bash
# `rlrec ope` of a stochastic target (docs/ope.md, "A stochastic target"): an egreedy checkpoint
# on bandit.linear, logged exploring with epsilon 0.3, estimated exploring with epsilon 0.1 through
# rlrec.policy.slate_probability/1, on 20 datasets; prints how often each estimator's interval
# covers the truth (1 - eps) V(greedy) + eps V(random), measured by `rlrec evaluate`.
#   bench/ope_explore_calibration.sh BUILD_DIR WORK_DIR
set -euo pipefail
rlrec=$(realpath "$1")/bin/rlrec
mkdir -p "$2" && cd "$2"
env='{user_dim: 5, item_dim: 5, num_candidates: 10, slate_size: 2, episode_length: 1}'
common="run: {name: ope_cal, seed: 3, total_env_steps: 3000, eval: {every_steps: 0, episodes: 100},
  checkpoint: {every_steps: 3000, keep: 1}}
env: {plugin: bandit.linear, num_envs: 8, params: $env}
loggers: []"
printf '%s\npolicy: {plugin: egreedy, params: {outer_features: true, credit: cascade, epsilon: 0.2}}\n' \
  "$common" > target.yaml
printf '%s\npolicy: {plugin: random}\n' "$common" > random.yaml
[ -d target ] || "$rlrec" train target.yaml --run-dir target --json >/dev/null
"$rlrec" evaluate --checkpoint target --episodes 40000 --json > greedy.json
"$rlrec" evaluate random.yaml --episodes 40000 --json > random.json
for s in $(seq 101 120); do
  [ -f eg_$s.jsonl ] || "$rlrec" collect --checkpoint target --set policy.params.epsilon=0.3 --set run.seed=$s \
    --episodes 20000 --out eg_$s.jsonl --json >/dev/null
  "$rlrec" ope --data eg_$s.jsonl --checkpoint target --explore --set policy.params.epsilon=0.1 --json > ope_$s.json
done
python3 - <<'PY'
import json, statistics
eps = 0.1
g, r = (json.load(open(f)) for f in ("greedy.json", "random.json"))
se = lambda e: e["episode_return_std"] / e["episodes"] ** 0.5
truth = (1 - eps) * g["episode_return_mean"] + eps * r["episode_return_mean"]
truth_se = ((1 - eps) ** 2 * se(g) ** 2 + eps ** 2 * se(r) ** 2) ** 0.5
print(f"truth {truth:.4f} +- {truth_se:.4f} (s.e.)")
print("| estimator | ESS (median of 20) | covered the truth | within 2 s.e. of the truth | mean |error| | mean width |")
runs = [json.load(open(f"ope_{s}.json"))["estimators"] for s in range(101, 121)]
for name in ("is", "wis", "dr", "dm", "pi"):
    es = [run[name] for run in runs]
    cover = sum(e["ci_low"] <= truth <= e["ci_high"] for e in es)
    near = sum(e["ci_low"] - 2 * truth_se <= truth <= e["ci_high"] + 2 * truth_se for e in es)
    print(f"| `{name}` | {statistics.median(e['ess'] for e in es):.0f} | {cover} / 20 | {near} / 20 | "
          f"{statistics.mean(abs(e['estimate'] - truth) for e in es):.4f} | "
          f"{statistics.mean(e['ci_high'] - e['ci_low'] for e in es):.4f} |")
PY
