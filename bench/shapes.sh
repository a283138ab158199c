#!/usr/bin/env bash
# Multi-class and wide-data benchmark (issues 9 and 16): our learners natively and as wasm under
# Node beside scikit-learn / XGBoost (one thread) on the same train/test rows, in one run;
# writes bench/SHAPES.md.
#   digits (1347 train / 450 test, 64 features, 10 classes): logistic regression (auto = lbfgs
#     here; and forced newton), SVM rbf and linear (one-vs-one) vs SVC(probability=True),
#     gradient boosting vs XGBoost multi:softprob;
#   wine (3 classes): the same, small;
#   wide 10 x 10,000: logistic regression (auto = lbfgs) vs LogisticRegression(lbfgs).
#   bash bench/shapes.sh            # WASM=0 skips the wasm side, SKIP_BUILD=1 the builds
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
out=build/bench
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs
reps="${REPS:-3}"
wasm="${WASM:-1}"
# SKIP_BUILD=1 uses the lab_bench binaries as they are (e.g. while another build runs in build/web).
[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab_bench >/dev/null
if [ "$wasm" = 1 ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
  [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/web --target lab_bench >/dev/null
fi
$PY bench/make_shape_data.py "$out"

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
run() {  # data ours peers
  local data="$out/$1.bin"
  echo "== $1"
  build/native/bench/lab_bench "$data" "$2" "$reps" | sed 's/^{/{"side":"native",/' | tee "$out/shapes_$1.jsonl"
  if [ "$wasm" = 1 ]; then
    node --no-experimental-fetch build/web/bench/lab_bench.js "$data" "$2" "$reps" | sed 's/^{/{"side":"wasm",/' | tee -a "$out/shapes_$1.jsonl"
  fi
  $PY bench/shape_peers.py "$data" "$3" "$reps" | sed 's/^{/{"side":"peer",/' | tee -a "$out/shapes_$1.jsonl"
}
run digits logistic_regression,logistic_newton,svm_rbf,svm_linear,hist_gbdt sklearn_lr,sklearn_svc_rbf,sklearn_svc_rbf_fit,sklearn_svc_linear,sklearn_svc_linear_fit,xgboost_softprob
run wine logistic_regression,svm_rbf,svm_linear,hist_gbdt sklearn_lr,sklearn_svc_rbf,sklearn_svc_linear,xgboost_softprob
run wide_10x10000 logistic_regression sklearn_lr
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Multi-class and wide-data benchmark"
  echo
  echo "- run: $started with \`bash bench/shapes.sh\` (REPS=$reps, best of reps; WASM=$wasm)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  echo "- peers: $($PY -c 'import sklearn, xgboost; print("scikit-learn", sklearn.__version__, "/ xgboost", xgboost.__version__)'), one thread"
  echo
  $PY - "$out" <<'PYEOF'
import json, sys
out = sys.argv[1]
print("| data | side | learner | fit s (wall) | fit s (cpu) | accuracy | log loss | AUC (OvR macro) |")
print("|---|---|---|---:|---:|---:|---:|---:|")
for data in ["digits", "wine", "wide_10x10000"]:
    for line in open(f"{out}/shapes_{data}.jsonl"):
        r = json.loads(line)
        f = lambda v, fmt: "-" if v is None else format(v, fmt)
        print(f"| {data} | {r['side']} | {r['learner']} | {r['fit_s']:.3f} | {r['fit_cpu_s']:.3f} | {r['accuracy']:.4f} | {f(r['log_loss'], '.4f')} | {f(r['auc'], '.6f')} |")
PYEOF
} > bench/SHAPES.md
cat bench/SHAPES.md
