#!/usr/bin/env bash
# AutoML benchmark (issue 14): `lab automl` on the loan workshop's data (ROWS=100000) with a
# BUDGET_S=60 second budget and 2 threads, natively, beside XGBoost hand-tuned on the same
# training rows (the best test AUC of a few hand-picked settings; bench/automl_peer.py), scored on
# the same test rows; writes bench/AUTOML.md. SKIP_BUILD=1 skips the native build.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${ROWS:-100000}"
budget="${BUDGET_S:-60}"
PY=/usr/bin/python3
out=build/bench/automl
mkdir -p "$out"
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab >/dev/null
lab=build/native/src/lab
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "[{\"cmd\":\"data.generate\",\"dataset\":\"loan\",\"rows\":$rows,\"seed\":7},{\"cmd\":\"data.export_csv\"}]" > "$out/make.json"
rm -rf "$out/store"
$lab run "$out/make.json" --store "$out/store" | $PY -c 'import json,sys; open(sys.argv[1],"w").write(json.load(sys.stdin)[1]["text"])' "$out/loan.csv"
rm -rf "$out/store"
t0=$(date +%s.%N)
$lab automl --csv "$out/loan.csv" --target approved --budget-s "$budget" --threads 2 --split-out "$out/split.json" \
  --recipe-out "$out/recipe.json" --store "$out/store" --json > "$out/automl.json"
t1=$(date +%s.%N)
$PY bench/automl_peer.py "$out/loan.csv" "$out/split.json" approved > "$out/peer.json"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# AutoML benchmark"
  echo
  echo "- run: $started with \`bash bench/automl.sh\` (ROWS=$rows, BUDGET_S=$budget, 2 threads, native)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $load_before before / $load_after after (other jobs share this machine)"
  $PY - "$out/automl.json" "$out/peer.json" "$t0" "$t1" <<'PYEOF'
import json, sys
a = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2])); wall = float(sys.argv[4]) - float(sys.argv[3])
best = a["leaderboard"][0]
print(f"- lab automl: {a['trials']} trials, stopped by {a['stopped_by']}, search {a['search_seconds']:.1f} s, whole command {wall:.1f} s (data, search, refit, logging)")
print(f"- rungs (rows): " + ", ".join(f"{g['candidates']}x{g['resources']}" for g in a["rungs"]))
print()
print("| side | model | CV AUC | test AUC |")
print("|---|---|---:|---:|")
print(f"| lab automl winner | {best['algo']} {json.dumps(best['params'])} | {best['mean']:.4f} | {a['test_metrics']['roc_auc']:.4f} |")
for r in p["all"]:
    print(f"| xgboost {p['xgboost']} by hand | {json.dumps(r['params'])} | - | {r['test_auc']:.4f} |")
gap = p["best"]["test_auc"] - a["test_metrics"]["roc_auc"]
print()
print(f"- gap to the best hand-tuned xgboost: {gap:+.4f} AUC (goal: at most 0.003)")
PYEOF
} > bench/AUTOML.md
cat bench/AUTOML.md
