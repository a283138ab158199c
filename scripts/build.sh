#!/usr/bin/env bash
# Builds the native targets (core, tests, `lab` CLI) into build/native and the web app plus the
# wasm tests into build/web (site/ receives lab.js, lab.wasm, lab.data and index.html).
# Usage: scripts/build.sh [native|web|all]   (default all). Incremental after the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn

if [ "$what" = native ] || [ "$what" = all ]; then
  [ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$jobs"
fi
if [ "$what" = web ] || [ "$what" = all ]; then
  [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/web -j "$jobs"
fi
