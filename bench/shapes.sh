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
# shellcheck source=bench/shape_bench_prologue.sh
source bench/shape_bench_prologue.sh
run_shape digits logistic_regression,logistic_newton,svm_rbf,svm_linear,hist_gbdt sklearn_lr,sklearn_svc_rbf,sklearn_svc_rbf_fit,sklearn_svc_linear,sklearn_svc_linear_fit,xgboost_softprob "$reps" shapes
run_shape wine logistic_regression,svm_rbf,svm_linear,hist_gbdt sklearn_lr,sklearn_svc_rbf,sklearn_svc_linear,xgboost_softprob "$reps" shapes
run_shape wide_10x10000 logistic_regression sklearn_lr "$reps" shapes
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
