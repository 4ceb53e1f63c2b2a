#!/usr/bin/env bash
# test.sh — the README's test command: set-up, build, and every test (C++ and Python).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${RLREC_BUILD_DIR:-$here/build}
"$here/scripts/build.sh" "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
