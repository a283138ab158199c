#!/usr/bin/env bash
# The longest single unit of work of a training run (what one frame can be held up by), per
# learner at 100k and 1M rows of the loan data, with the native `lab` CLI: the runner
# (src/commands/train_runner.*) times every unit; train.run reports the longest of each phase.
# Units are timed in CPU time (LAB_UNIT_CLOCK=cpu), so other work on a shared machine does not
# inflate them; a quiet machine gives the same figures in wall time.
# Usage: bench/train_units.sh [rows,rows...]   (default 100000,1000000). Writes bench/TRAIN-UNITS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
lab=build/native/src/lab
rows_list="${1:-100000,1000000}"
out=bench/TRAIN-UNITS.md
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
learners=(
  'logistic_regression|{}'
  'hist_gbdt|{"n_estimators": 20}'
  'random_forest|{"n_estimators": 4}'
  'gaussian_nb|{}'
)
{
  echo "# Longest unit of work per training run (native, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
  echo
  echo "Made by \`bench/train_units.sh\`, in CPU time. A unit is what the runner does between two looks at"
  echo "the clock; the app gives training 8 ms per frame, so a unit longer than a frame (16.7 ms) holds"
  echo "a frame up."
  echo "Loan data, 80/20 split, default pipeline. wasm runs these at about 1.2-2x the native time."
  echo
  echo "| rows | learner | phase | units | longest unit | ms |"
  echo "| ---: | --- | --- | ---: | --- | ---: |"
} > "$out"
for rows in ${rows_list//,/ }; do
  for entry in "${learners[@]}"; do
    algo="${entry%%|*}"; params="${entry#*|}"
    printf '[{"cmd":"data.generate","dataset":"loan","rows":%s,"seed":1},{"cmd":"train.run","algo":"%s","params":%s}]' \
      "$rows" "$algo" "$params" > "$store/pipeline.json"
    LAB_UNIT_CLOCK=cpu "$lab" run "$store/pipeline.json" --store "$store/mlruns" > "$store/reply.json"
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).at(-1);
      for (const [phase, u] of Object.entries(r.pace.longest_unit_by_phase))
        console.log(`| ${process.argv[2]} | ${r.algo} | ${phase} | ${u.units} | ${u.what} | ${u.ms.toFixed(1)} |`);
    ' "$store/reply.json" "$rows" | tee -a "$out"
  done
done
