#!/usr/bin/env bash
# Tune benchmark (issue 14): `lab tune` natively and in the browser tab (the threaded wasm build)
# beside scikit-learn's RandomizedSearchCV and HalvingRandomSearchCV (over XGBoost's hist trees,
# the library our hist_gbdt follows) with 1 and 2 threads (n_jobs), on the same loan rows (the
# lab's --split-out), the same search space (the lab's default hist_gbdt space), the same budget
# (candidates) and 5-fold CV: trials per second, best CV AUC, and the test AUC of the refit
# winner, in one run; writes bench/TUNE.md.
#   bash bench/tune.sh          # ROWS=5000 TRIALS=20 CV=5; SKIP_BUILD=1 skips the native build
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${ROWS:-5000}"
trials="${TRIALS:-20}"
cv="${CV:-5}"
PY=/usr/bin/python3
out=build/bench/tune
mkdir -p "$out"
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab >/dev/null
lab=build/native/src/lab
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# The loan workshop's data as a CSV file, so both sides read the same bytes.
echo "[{\"cmd\":\"data.generate\",\"dataset\":\"loan\",\"rows\":$rows,\"seed\":7},{\"cmd\":\"data.export_csv\"}]" > "$out/make.json"
rm -rf "$out/store"
$lab run "$out/make.json" --store "$out/store" | $PY -c 'import json,sys; open(sys.argv[1],"w").write(json.load(sys.stdin)[1]["text"])' "$out/loan.csv"

: > "$out/results.jsonl"
for strategy in random halving; do
  for threads in 1 2; do
    rm -rf "$out/store"
    $lab tune --csv "$out/loan.csv" --target approved --algo hist_gbdt --strategy "$strategy" --cv "$cv" \
      --trials "$trials" --threads "$threads" --split-out "$out/split.json" --store "$out/store" --json \
      | $PY -c '
import json, sys
r = json.load(sys.stdin)
print(json.dumps({"side": "lab (native)", "strategy": r["strategy"], "threads": r["threads_used"], "trials": r["trials"],
                  "search_s": r["search_seconds"], "trials_per_s": r["trials"] / r["search_seconds"],
                  "best_cv_auc": r["best"]["mean"], "test_auc": r["test_metrics"]["roc_auc"]}))' | tee -a "$out/results.jsonl"
    $PY bench/tune_peers.py "$out/loan.csv" "$out/split.json" approved "$strategy" "$trials" "$threads" "$cv" \
      | tee -a "$out/results.jsonl"
  done
done
# The same searches in the browser: the threaded wasm build in headless Chromium (needs
# `bash scripts/build.sh app`; skipped, and said so, without it).
tab_note="the tab's rows: not run (site/lab-mt.wasm not built)"
if [ -f site/lab-mt.wasm ]; then
  for strategy in random halving; do
    node bench/tab_threads.mjs --rows "$rows" --trials "$trials" --runs 3 --strategy "$strategy" --jsonl "$out/results.jsonl" >/dev/null
  done
  tab_note="the tab's rows: \`bench/tab_threads.mjs\`, the same rows and seed in the threaded wasm build (lab-mt) in headless Chromium, tune.run through the command hook, median trials/s of 3 runs"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Tune benchmark"
  echo
  echo "- run: $started with \`bash bench/tune.sh\` (ROWS=$rows, TRIALS=$trials candidates, CV=$cv)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  echo "- data: the loan workshop's data, $rows rows (seed 7); both sides use the lab's 80/20 split (\`--split-out\`)."
  echo "- space: hist_gbdt's default (learning_rate 0.01-0.3 log, max_depth 2-10, min_child_weight 0.1-20 log,"
  echo "  reg_lambda 0.01-10 log, subsample and colsample 0.5-1, n_estimators 30-300 log); the peer searches"
  echo "  XGBClassifier(tree_method=\"hist\") over the same distributions. Halving: factor 3, resource n_estimators,"
  echo "  min_resources exhaust, max 300 trees. A trial is one candidate at one rung, scored by $cv-fold CV."
  echo "- trials/s = trials / wall time of the search (the refit and logging excluded); each side's own seeds, so"
  echo "  the candidates differ: compare best scores within noise, not digit by digit."
  echo "- $tab_note."
  echo
  $PY - "$out/results.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| strategy | side | threads | trials | search s | trials/s | best CV AUC | test AUC of refit winner |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    test = "-" if r["test_auc"] is None else f"{r['test_auc']:.4f}"
    print(f"| {r['strategy']} | {r['side']} | {r['threads']} | {r['trials']} | {r['search_s']:.2f} | {r['trials_per_s']:.2f} | {r['best_cv_auc']:.4f} | {test} |")
print()
for strategy in ["random", "halving"]:
    for side in sorted({r["side"] for r in rows}):
        one = [r for r in rows if r["strategy"] == strategy and r["side"] == side and r["threads"] == 1]
        two = [r for r in rows if r["strategy"] == strategy and r["side"] == side and r["threads"] == 2]
        if one and two:
            print(f"- {strategy}, {side}: 2 threads give {two[0]['trials_per_s'] / one[0]['trials_per_s']:.2f}x the trials/s of 1")
PYEOF
} > bench/TUNE.md
cat bench/TUNE.md
