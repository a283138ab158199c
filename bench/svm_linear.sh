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
PY=/usr/bin/python3
out=build/bench
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs
reps="${REPS:-3}"
wasm="${WASM:-1}"
[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab_bench >/dev/null
if [ "$wasm" = 1 ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
  [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/web --target lab_bench >/dev/null
fi
$PY bench/make_shape_data.py "$out"

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
run() {  # data peers peer_reps
  local data="$out/$1.bin"
  echo "== $1"
  build/native/bench/lab_bench "$data" svm_linear "$reps" | sed 's/^{/{"side":"native",/' | tee "$out/svm_linear_$1.jsonl"
  if [ "$wasm" = 1 ]; then
    node --no-experimental-fetch build/web/bench/lab_bench.js "$data" svm_linear "$reps" | sed 's/^{/{"side":"wasm",/' | tee -a "$out/svm_linear_$1.jsonl"
  fi
  $PY bench/shape_peers.py "$data" "$2" "$3" | sed 's/^{/{"side":"peer",/' | tee -a "$out/svm_linear_$1.jsonl"
}
# SVC(kernel="linear") on 20,000 rows takes tens of seconds: one repetition.
run tall_20000 sklearn_linearsvc "$reps"
$PY bench/shape_peers.py "$out/tall_20000.bin" sklearn_svc_linear_fit 1 | sed 's/^{/{"side":"peer",/' | tee -a "$out/svm_linear_tall_20000.jsonl"
run digits sklearn_linearsvc,sklearn_svc_linear_fit,sklearn_svc_linear "$reps"
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
  echo "- steps: our step() calls (a step is a chunk of passes; one-vs-one: per pair)."
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
