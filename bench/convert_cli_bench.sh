#!/bin/bash
# `rlrec data convert`: decisions per second and peak RSS of each direction over N decisions
# (bench/RESULTS.md), timed with /usr/bin/time -v.
#   bench/convert_cli_bench.sh BUILD_DIR WORK_DIR [DECISIONS]     (default: 1000000)
# Two inputs:
#   - N decisions of the uniform random policy on bandit.linear (user 5, 10 fresh candidates of 5
#     features, slate 1): rlrec -> vw -> rlrec;
#   - an OBP-shaped campaign of N rows like the real data's "all" campaign (80 items, 4 hashed
#     user features, 80 user-item affinities; item features: one number and three text columns
#     of 3, 4 and 5 values, so dd = 10): obp -> rlrec -> obp.
set -euo pipefail
build=$(realpath "$1")
work=$2
n=${3:-1000000}
rlrec=$build/bin/rlrec
mkdir -p "$work" && cd "$work"

cat > collect.yaml <<'YAML'
run: {name: convert_bench, seed: 1}
env:
  plugin: bandit.linear
  num_envs: 8
  params: {user_dim: 5, item_dim: 5, num_candidates: 10, slate_size: 1, episode_length: 100}
policy: {plugin: random}
loggers: []
YAML
[ -f bandit_$n.jsonl ] || "$rlrec" collect collect.yaml --episodes $((n / 100)) --out bandit_$n.jsonl --json >/dev/null

if [ ! -d obp_$n ]; then
  mkdir -p obp_$n
  awk 'BEGIN { srand(7); print ",item_id,item_feature_0,item_feature_1,item_feature_2,item_feature_3";
               for (i = 0; i < 80; i++) printf "%d,%d,%.6f,c%x,d%x,e%x\n", i, i, rand() - 0.5, i % 3, i % 4, i % 5 }' \
    > obp_$n/item_context.csv
  awk -v n="$n" 'BEGIN { srand(11);
    printf ",timestamp,item_id,position,click,propensity_score,user_feature_0,user_feature_1,user_feature_2,user_feature_3";
    for (a = 0; a < 80; a++) printf ",user-item_affinity_%d", a; printf "\n";
    for (r = 0; r < n; r++) {
      printf "%d,2019-11-24 00:%02d:%02d,%d,%d,%d,0.0125", r, int(r / 60000) % 60, int(r / 1000) % 60, int(rand() * 80),
             r % 3 + 1, rand() < 0.005;
      printf ",u%08x,v%06x,w%04x,x%02x", int(rand() * 20), int(rand() * 8), int(rand() * 6), int(rand() * 4);
      for (a = 0; a < 80; a++) printf ",%d", (rand() < 0.05 ? int(rand() * 4) : 0);
      printf "\n" } }' > obp_$n/all.csv
fi

echo "| conversion | input | wall s | CPU s | decisions/s (wall) | decisions/CPU s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
run() {  # FROM TO IN OUT
  rm -rf "$4"
  /usr/bin/time -v "$rlrec" data convert --from "$1" --to "$2" "$3" "$4" >/dev/null 2>time.txt
  seconds=$(awk -F': ' '/Elapsed/ {split($2, t, ":"); print t[1] * 60 + t[2]}' time.txt)
  cpu=$(awk -F': ' '/(User|System) time/ {c += $2} END {print c}' time.txt)
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' time.txt)
  bytes=$(du -sb "$3" | cut -f1)
  awk -v what="$1 -> $2" -v n="$n" -v s="$seconds" -v c="$cpu" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "| %s | %.0f MB | %.1f | %.1f | %.0f | %.0f | %.0f MiB |\n", what, b / 1e6, s, c, n / s, n / c, r / 1024 }'
}
run rlrec vw bandit_$n.jsonl bandit_$n.vw
run vw rlrec bandit_$n.vw bandit_back_$n.jsonl
run obp rlrec obp_$n obp_$n.jsonl
run rlrec obp obp_$n.jsonl obp_back_$n
