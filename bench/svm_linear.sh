#!/usr/bin/env bash
# Linear SVM benchmark (issue 16): our kernel="linear" SVM (dual coordinate descent) natively and
# as wasm under Node beside scikit-learn's LinearSVC(loss="hinge") (liblinear, the same algorithm)
# and SVC(kernel="linear") (libsvm's SMO, what ours used before) on the same rows, one thread,
# in one run; writes bench/SVM-LINEAR.md.
#   tall_20000: 20,000 train / 5,000 test rows x 20 features, binary (bench/make_shape_data.py);
#   digits: 1,347 / 450 rows x 64 features, 10 classes (one-vs-one, 45 machines).
#   bash bench/svm_linear.sh        # WASM=0 skips the wasm side, SKIP_BUILD=1 the builds, REPS=3
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/shape_bench_prologue.sh
source bench/shape_bench_prologue.sh
# SVC(kernel="linear") on 20,000 rows takes tens of seconds: one repetition.
run_shape tall_20000 svm_linear sklearn_linearsvc "$reps" svm_linear
$PY bench/shape_peers.py "$out/tall_20000.bin" sklearn_svc_linear_fit 1 | sed 's/^{/{"side":"peer",/' | tee -a "$out/svm_linear_tall_20000.jsonl"
run_shape digits svm_linear sklearn_linearsvc,sklearn_svc_linear_fit,sklearn_svc_linear "$reps" svm_linear
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Linear SVM benchmark"
  echo
  echo "- run: $started with \`bash bench/svm_linear.sh\` (REPS=$reps, best of reps; WASM=$wasm)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  echo "- peers: scikit-learn $($PY -c 'import sklearn; print(sklearn.__version__)'), one thread. svm_linear is ours"
  echo "  (C=1, tol 1e-3, max_iter -1 = up to 1,000 passes, Platt probabilities); sklearn_linearsvc is"
  echo "  LinearSVC(loss=\"hinge\", C=1, tol=1e-3) (no probabilities); sklearn_svc_linear_fit is"
  echo "  SVC(kernel=\"linear\", C=1) without probabilities; sklearn_svc_linear adds probability=True."
  echo
  $PY - "$out" <<'PYEOF'
import json, sys
out = sys.argv[1]
print("| data | side | learner | train rows | fit s (wall) | fit s (cpu) | accuracy | log loss | AUC |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|")
for data in ["tall_20000", "digits"]:
    for line in open(f"{out}/svm_linear_{data}.jsonl"):
        r = json.loads(line)
        f = lambda v, fmt: "-" if v is None else format(v, fmt)
        print(f"| {data} | {r['side']} | {r['learner']} | {r['train_rows']} | {r['fit_s']:.3f} | {r['fit_cpu_s']:.3f} | {r['accuracy']:.4f} | {f(r['log_loss'], '.4f')} | {f(r['auc'], '.6f')} |")
PYEOF
} > bench/SVM-LINEAR.md
cat bench/SVM-LINEAR.md
