#!/usr/bin/env bash
# Builds the native targets (core, tests, `lab` CLI) into build/native and the web app plus the
# wasm tests into build/web (site/ receives lab.js, lab.wasm, lab.data and index.html, each with
# its precompressed .gz and .br beside it). The web app's threaded build (pthreads, for pages that
# are cross-origin isolated) is built in build/web-mt: site/lab-mt.js, .wasm, .data, .worker.js,
# and, except for `app`, the threads tests (build/web-mt/tests/lab_thread_tests.js).
# Usage: scripts/build.sh [native|web|app|all]   (default all). Incremental after the first run.
#   app: only the web app, both builds (what scripts/run.sh needs), no tests or benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn

if [ "$what" = native ] || [ "$what" = all ]; then
  [ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$jobs"
fi
if [ "$what" = web ] || [ "$what" = app ] || [ "$what" = all ]; then
  # The threaded build first: build/web's lab_site then writes the offline worker's file list and
  # the compressed copies for both builds' files.
  [ -f build/web-mt/build.ninja ] ||
    emcmake cmake -S . -B build/web-mt -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAB_WASM_THREADS=ON >/dev/null
  if [ "$what" = app ]; then
    cmake --build build/web-mt -j "$jobs" --target lab_web
  else
    cmake --build build/web-mt -j "$jobs" --target lab_web lab_thread_tests
  fi
  [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  if [ "$what" = app ]; then
    cmake --build build/web -j "$jobs" --target lab_site
  else
    cmake --build build/web -j "$jobs"
  fi
fi
