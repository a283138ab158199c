#!/usr/bin/env bash
# Sets up the machine (first time only), builds everything and runs every test:
#   1. core/io/command unit tests, native (Catch2), and the app layer drawn headless (lab_app_tests)
#   2. the same unit tests compiled to wasm, run under Node (same numbers as native), the thread
#      tests of the threaded wasm build (pthreads), and a five-second pipeline fuzzer smoke run
#      natively and in wasm
#   3. CLI tests and browser end-to-end tests in headless Chromium (node:test + playwright-core)
# Screenshots of the browser tests land in build/screenshots/.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh all || exit 1  # what running and testing need
bash scripts/build.sh all || { echo "build failed"; exit 1; }

passed=0; failed=0
suite() {
  local name="$1"; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "=== $name: passed"; else failed=$((failed + 1)); echo "=== $name: FAILED"; fi
}
suite "native unit tests" build/native/tests/lab_tests
suite "native headless UI tests (every module drawn)" build/native/tests/lab_app_tests
suite "wasm unit tests (node)" node --no-experimental-fetch build/web/tests/lab_tests.js
suite "wasm threads tests (node, pthreads)" node --no-experimental-fetch build/web-mt/tests/lab_thread_tests.js
# A few seconds of the pipeline fuzzer (fuzz/README.md): generated CSVs through import, training and serving.
suite "pipeline fuzzer smoke (native)" build/native/fuzz/pipeline_fuzz --family all --seconds 5 --store build/pipeline-fuzz-smoke
suite "pipeline fuzzer smoke (wasm)" node --no-experimental-fetch build/web/fuzz/pipeline_fuzz.js --family all --seconds 5 --store build/pipeline-fuzz-smoke-wasm
# A hung browser test fails after 7 minutes instead of holding CI to its limit.
suite "cli and browser end-to-end tests" node --test --test-timeout=420000 tests/cli/ tests/e2e/
echo "test suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
