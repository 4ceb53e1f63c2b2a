#!/usr/bin/env bash
# Third-party plugin packages, from the outside (examples/third_party): the engine is installed to
# a temporary prefix; a simulator in C and a policy in C++ are built as separate CMake projects
# against that installed package only, packaged (CPack) as folders, dropped on RLREC_PLUGIN_PATH,
# and the installed, unmodified engine trains the one on the other, by plugin id.
#   third_party_test.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work"
mkdir -p "$work/dropped"
cmake --install "$build" --prefix "$work/prefix" >/dev/null

for project in acme_news_sim acme_ctr_policy; do
  cmake -S "$source/examples/third_party/$project" -B "$work/$project" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
  cmake --build "$work/$project" >/dev/null
  (cd "$work/$project" && cpack >/dev/null)
  package=$(ls "$work/$project"/*.tar.gz)
  tar -xzf "$package" -C "$work/dropped"
done
news_dir=$(ls -d "$work"/dropped/acme-news-*)
ctr_dir=$(ls -d "$work"/dropped/acme-ctr-*)
[[ -f $news_dir/libacme_news.so && -f $ctr_dir/libacme_ctr.so ]] || { echo "a package lacks its library"; exit 1; }
# Each package exports only the entry symbol, like the built-in plugins.
for library in "$news_dir/libacme_news.so" "$ctr_dir/libacme_ctr.so"; do
  exported=$(nm -D --defined-only "$library" | awk '{print $3}' | grep -v '^_' | sort -u)
  [[ $exported == rlrec_plugin_get_entry ]] || { echo "$library exports: $exported"; exit 1; }
done

export RLREC_PLUGIN_PATH="$news_dir:$ctr_dir"
rlrec="$work/prefix/bin/rlrec"
"$rlrec" plugins describe acme.news | tee "$work/describe_news.txt"
grep -q "patience" "$work/describe_news.txt"
"$rlrec" plugins describe acme.ctr | grep -q "learning_rate"

config="$source/examples/third_party/news_ctr.yaml"
"$rlrec" train "$config" --run-dir "$work/run_ctr" --json --set loggers=[] | tee "$work/ctr.json"
"$rlrec" train "$config" --run-dir "$work/run_random" --json --set loggers=[] --set policy.plugin=random \
  --set policy.params={} | tee "$work/random.json"
return_of() { sed -E 's/.*"episode_return_mean": ([0-9.eE+-]+).*/\1/' "$1"; }
awk -v ctr="$(return_of "$work/ctr.json")" -v random="$(return_of "$work/random.json")" 'BEGIN {
  printf "acme.ctr %.2f vs random %.2f\n", ctr, random
  if (!(ctr > random * 1.5)) { print "acme.ctr did not learn"; exit 1 }
}'

# The installed Python package finds the installed engine, and the dropped packages through it.
# Under the sanitizer build, python3 (not instrumented) needs the ASan runtime preloaded
# (tests/CMakeLists.txt sets RLREC_TEST_PYTHON_PRELOAD).
python_dir=$(ls -d "$work"/prefix/lib*/rlrec/python)
python_env=(PYTHONPATH="$python_dir")
if [[ -n ${RLREC_TEST_PYTHON_PRELOAD:-} ]]; then
  python_env+=(LD_PRELOAD="$RLREC_TEST_PYTHON_PRELOAD" ASAN_OPTIONS=detect_leaks=0)
fi
env "${python_env[@]}" /usr/bin/python3 - <<'PY'
import rlrec
with rlrec.make("acme.news", num_envs=4) as env:
    obs, info = env.reset(seed=1)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    assert sorted(obs) == ["candidates", "response", "user"], sorted(obs)
print("installed Python package: OK")
PY
echo "third-party packages: OK"
