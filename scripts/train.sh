#!/usr/bin/env bash
# train.sh [CONFIG] [rlrec train options...] — the README's main job: set-up, build, and a training
# run on a built-in simulator, ending with its greedy evaluation.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${RLREC_BUILD_DIR:-$here/build}
config=${1:-$here/examples/ie_linucb.yaml}
shift || true
"$here/scripts/build.sh" "$build"
exec "$build/bin/rlrec" train "$config" "$@"
