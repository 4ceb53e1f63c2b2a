#!/bin/bash
# `rlrec ope` on interest evolution (docs/ope.md, "Interest-evolution calibration"): an egreedy
# checkpoint (product features, 100 candidates, slate 2) is the greedy target; the same checkpoint
# exploring with epsilon 0.05 logs 20 datasets of 300 episodes; prints, per estimator, how often
# its interval covers the truth (`rlrec evaluate` of the target: per decision for is, wis and pi,
# per episode for pdis, pdwis and dr) and how many intervals `rlrec ope` calls trustworthy.
#   bench/ope_ie_calibration.sh BUILD_DIR WORK_DIR
set -euo pipefail
rlrec=$(realpath "$1")/bin/rlrec
mkdir -p "$2" && cd "$2"
cat > target.yaml <<'YAML'
run: {name: ope_ie, seed: 3, total_env_steps: 20000, eval: {every_steps: 0, episodes: 100},
  checkpoint: {every_steps: 20000, keep: 1}}
env: {plugin: recsim.interest_evolution, num_envs: 8, params: {num_candidates: 100, slate_size: 2}}
policy: {plugin: egreedy, params: {outer_features: true, epsilon: 0.1}}
loggers: []
YAML
[ -d target ] || "$rlrec" train target.yaml --run-dir target --json >/dev/null
[ -f truth.json ] || "$rlrec" evaluate --checkpoint target --episodes 4000 --json > truth.json
for s in $(seq 101 120); do
  [ -f eg_$s.jsonl ] || "$rlrec" collect --checkpoint target --set policy.params.epsilon=0.05 --set run.seed=$s \
    --episodes 300 --out eg_$s.jsonl --json >/dev/null
  "$rlrec" ope --data eg_$s.jsonl --checkpoint target --json > ope_$s.json
done
python3 - <<'PY'
import json, statistics
t = json.load(open("truth.json"))
episode = t["episode_return_mean"]
per_decision = episode / t["episode_length_mean"]
print(f"truth: {episode:.2f} +- {t['episode_return_std'] / t['episodes'] ** 0.5:.2f} (s.e.) per episode, "
      f"{per_decision:.4f} per decision")
print("| estimator | ESS (median of 20) | covered the truth | trustworthy | covered, of the trustworthy | mean |error| |")
runs = [json.load(open(f"ope_{s}.json"))["estimators"] for s in range(101, 121)]
for name, truth in (("is", per_decision), ("wis", per_decision), ("pi", per_decision),
                    ("pdis", episode), ("pdwis", episode), ("dr", episode)):
    es = [run[name] for run in runs]
    trusted = [e for e in es if e.get("interval_trustworthy", True)]
    covers = lambda e: e["ci_low"] is not None and e["ci_low"] <= truth <= e["ci_high"]
    print(f"| `{name}` | {statistics.median(e['ess'] for e in es):.1f} | {sum(map(covers, es))} / 20 | "
          f"{len(trusted)} / 20 | {sum(map(covers, trusted))} / {len(trusted)} | "
          f"{statistics.mean(abs(e['estimate'] - truth) for e in es):.4f} |")
PY
