#!/usr/bin/env bash
# build.sh [BUILD_DIR] [extra cmake args...] — installs what Debian 12 lacks, configures and builds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true
"$here/scripts/setup-debian.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${RLREC_BUILD_TYPE:-RelWithDebInfo} -DRLREC_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
