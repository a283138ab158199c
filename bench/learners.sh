#!/usr/bin/env bash
# The learner benchmark, in one run: times fit and predict of our GBDT (100 trees, depth 6),
# random forest and logistic regression natively and as wasm under Node, and of the peers
# (xgboost hist nthread=1, sklearn HistGradientBoosting / RandomForest / LogisticRegression
# lbfgs, one thread each) on the same synthetic binary data, then prints a table and writes it to
# bench/RESULTS.md.
#   bash bench/learners.sh                 # 100k x 20 and 1M x 20 rows (the 1M part takes minutes)
#   bash bench/learners.sh 100000          # only the given sizes
# Env: REPS (fits per model, best time kept; default 3 up to 100k rows, else 2), RF_TREES_1M
# (forest size above 100k rows; default 20 because scikit-learn's single-thread forest needs
# ~40 s per 100 trees at 100k rows and ~10x that at 1M). Forests are fitted once per side.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3  # Debian's scikit-learn 1.2.1 and xgboost 1.7.4
sizes="${*:-100000 1000000}"
out=build/bench
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs

[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
[ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native --target lab_bench >/dev/null
cmake --build build/web --target lab_bench >/dev/null

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sizes; do
  data="$out/synth_$n.bin"
  [ -f "$data" ] || { echo "generating $data"; $PY bench/make_data.py "$n" "$data"; }
  if [ "$n" -le 100000 ]; then reps="${REPS:-3}"; rf_trees=100; else reps="${REPS:-2}"; rf_trees="${RF_TREES_1M:-20}"; fi
  echo "== $n rows: ours native"
  build/native/bench/lab_bench "$data" hist_gbdt,logistic_regression "$reps" | tee "$out/native_$n.jsonl"
  build/native/bench/lab_bench "$data" random_forest 1 "$rf_trees" | tee -a "$out/native_$n.jsonl"
  echo "== $n rows: ours wasm (node)"
  node --no-experimental-fetch build/web/bench/lab_bench.js "$data" hist_gbdt,logistic_regression "$reps" | tee "$out/wasm_$n.jsonl"
  node --no-experimental-fetch build/web/bench/lab_bench.js "$data" random_forest 1 "$rf_trees" | tee -a "$out/wasm_$n.jsonl"
  echo "== $n rows: peers"
  $PY bench/peers.py "$data" xgboost_hist,sklearn_hgb,sklearn_lr "$reps" "$rf_trees" | tee "$out/peers_$n.jsonl"
  $PY bench/peers.py "$data" sklearn_rf 1 "$rf_trees" | tee -a "$out/peers_$n.jsonl"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Learner benchmark results"
  echo
  echo "- run: $started with \`bash bench/learners.sh $*\`"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  echo "- ours: g++ $(g++ -dumpversion) -O2 native; em++ $(em++ --version 2>/dev/null | head -1 | grep -o '[0-9]*\.[0-9]*\.[0-9]*' | head -1) -O2 -msimd128 under node $(node --version); peers: $($PY -c 'import sklearn, xgboost; print("scikit-learn", sklearn.__version__, "/ xgboost", xgboost.__version__)'), one thread"
  echo
  $PY bench/report.py "$out" $sizes
} > bench/RESULTS.md
cat bench/RESULTS.md
