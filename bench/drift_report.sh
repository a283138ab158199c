#!/usr/bin/env bash
# The drift report on 100k reference x 100k current rows x 20 columns: `lab drift` (native; CSV
# reading included, then the report alone from its own timing) beside SciPy doing the same tests.
# Usage: bash bench/drift_report.sh [ROWS]   (after scripts/build.sh native)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 bench/drift_peer.py make "$dir" "$rows"
echo "lab drift (native, reading both CSVs included):"
/usr/bin/time -f "  %e s wall, %M KB peak" build/native/src/lab drift --reference "$dir/ref.csv" --current "$dir/cur.csv" | tail -3
/usr/bin/python3 bench/drift_peer.py scipy "$dir"
