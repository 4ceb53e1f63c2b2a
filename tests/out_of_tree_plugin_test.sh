#!/usr/bin/env bash
# A plugin built out of tree, against the installed package only, loads into the installed,
# unmodified engine (DESIGN.md journey J4).
#   out_of_tree_plugin_test.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$source/examples/out_of_tree_plugin" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
library=$(find "$work/build" -name 'lib*.so' | head -n 1)
[[ -f $library ]] || { echo "no plugin library was built"; exit 1; }

rlrec="$work/prefix/bin/rlrec"
"$rlrec" plugins describe "$library" | tee "$work/describe.txt"
grep -q "acme.coin_feed" "$work/describe.txt"

cat > "$work/run.yaml" <<YAML
run: {name: oot, seed: 1, total_env_steps: 2000, eval: {episodes: 20}}
env: {plugin: $library, num_envs: 4}
policy: {plugin: random}
loggers: [{plugin: csv}]
YAML
"$rlrec" train "$work/run.yaml" --run-dir "$work/run" --json | tee "$work/result.json"
grep -q '"episodes": 20' "$work/result.json"
grep -q '"env_steps": 2000' "$work/result.json"
test -s "$work/run/progress.csv"
echo "out-of-tree plugin: OK"
