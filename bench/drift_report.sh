#!/usr/bin/env bash
# The drift report on 100k reference x 100k current rows x 20 columns: `lab drift` (native; CSV
# reading included, then the report alone from its own timing) beside SciPy doing the same tests.
# Then the report alone (bench/drift_bench.cpp) natively and as wasm under Node.
# Usage: bash bench/drift_report.sh [ROWS]   (after scripts/build.sh native and web)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 bench/drift_peer.py make "$dir" "$rows"
echo "lab drift (native, reading both CSVs included):"
/usr/bin/time -f "  %e s wall, %M KB peak" build/native/src/lab drift --reference "$dir/ref.csv" --current "$dir/cur.csv" | tail -3
echo "the report alone (parsing excluded), best of 3:"
echo "  native: $(build/native/bench/lab_drift_bench "$dir/ref.csv" "$dir/cur.csv")"
if [ -f build/web/bench/lab_drift_bench.js ]; then
  echo "  wasm:   $(node --no-experimental-fetch build/web/bench/lab_drift_bench.js "$dir/ref.csv" "$dir/cur.csv")"
else
  echo "  wasm:   not built (bash scripts/build.sh web)"
fi
/usr/bin/python3 bench/drift_peer.py scipy "$dir"

# The traffic simulator's throughput through a real deployed endpoint (validator, model, request
# log), as `lab monitor simulate` runs it: process start, store load and the log's save included.
lab=build/native/src/lab
store="$dir/store"
run_id=$("$lab" train --dataset loan --rows 5000 --seed 3 --store "$store" |
  /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["run_id"])')
"$lab" cmd "{\"cmd\": \"registry.register\", \"model\": \"loan\", \"run_id\": \"$run_id\"}" --store "$store" > /dev/null
"$lab" cmd '{"cmd": "registry.set_alias", "model": "loan", "alias": "champion", "version": 1}' --store "$store" > /dev/null
"$lab" cmd '{"cmd": "serve.deploy", "endpoint": "loan-api", "model": "loan"}' --store "$store" > /dev/null
requests=20000
start=$(date +%s.%N)
"$lab" monitor simulate --endpoint loan-api --scenario covariate_drift --days 14 --requests "$requests" --seed 1 \
  --store "$store" > "$dir/sim.json"
end=$(date +%s.%N)
/usr/bin/python3 - "$dir/sim.json" "$start" "$end" "$requests" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
s = float(sys.argv[3]) - float(sys.argv[2])
print(f"simulator: {int(sys.argv[4])} requests over 14 simulated days in {s:.2f} s wall = "
      f"{int(sys.argv[4]) / s:.0f} requests/s ({out['answered']} answered, {out['rejected']} refused by the contract)")
PY
