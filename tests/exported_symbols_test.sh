#!/usr/bin/env bash
# exported_symbols_test.sh ENGINE_LIB PLUGIN_DIR — the libraries export exactly their C API
# (DESIGN.md §3 rules 2 and 8): librlrec only rlrec_* functions, each plugin only its entry.
set -euo pipefail
engine=$1 plugins=$2
extra=$(nm -D --defined-only "$engine" | awk 'NF == 3 { print $3 }' | grep -v '^rlrec_' || true)
if [[ -n $extra ]]; then echo "librlrec exports more than rlrec/engine.h:"; echo "$extra"; exit 1; fi
nm -D --defined-only "$engine" | grep -q ' rlrec_engine_create$'
for lib in "$plugins"/*.so; do
  exported=$(nm -D --defined-only "$lib" | awk 'NF == 3 { print $3 }')
  if [[ $exported != rlrec_plugin_get_entry ]]; then
    echo "$lib exports: $exported"
    exit 1
  fi
done
echo "exports: OK"
