#!/usr/bin/env bash
# The serving benchmark, in one run (about a minute): single-request latency p50/p99 through our
# endpoint (validate + feature pipeline + predict + request log) and batch throughput for
# logistic regression and GBDT (100 trees) trained on 20,000 generated churn rows, natively and
# as wasm under Node, side by side with scikit-learn (LogisticRegression,
# HistGradientBoostingClassifier; single-row and whole-table predict_proba) on the same CSV.
# Prints the table and writes bench/SERVING.md.
#   bash bench/serving.sh            # REPS=5 repetitions per figure, medians reported
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3  # Debian's scikit-learn 1.2.1
reps="${REPS:-5}"
out=build/bench
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs

[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
[ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native --target lab_serving_bench >/dev/null
cmake --build build/web --target lab_serving_bench >/dev/null

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== ours, native"
build/native/bench/lab_serving_bench native "$reps" "$out/churn_serving.csv" | tee "$out/serving_native.jsonl"
echo "== ours, wasm (node)"
node --no-experimental-fetch build/web/bench/lab_serving_bench.js wasm "$reps" | tee "$out/serving_wasm.jsonl"
echo "== scikit-learn"
$PY bench/serving_peers.py "$out/churn_serving.csv" "$reps" | tee "$out/serving_peers.jsonl"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Serving benchmark results"
  echo
  echo "- run: $started with \`bash bench/serving.sh\` (REPS=$reps; each figure is the median of $reps repetitions)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  echo "- ours: g++ $(g++ -dumpversion) -O2 native; em++ $(em++ --version 2>/dev/null | head -1 | grep -o '[0-9]*\.[0-9]*\.[0-9]*' | head -1) -O2 -msimd128 under node $(node --version); peer: $($PY -c 'import sklearn; print("scikit-learn", sklearn.__version__)') with /usr/bin/python3, one thread"
  echo
  $PY bench/serving_report.py "$out"
} > bench/SERVING.md
cat bench/SERVING.md
