#!/usr/bin/env bash
# Runs per second synced to a real MLflow 2.12.2 (../shared/tools/mlflow-server) by `lab sync`
# (native, cpp-httplib) and by MLflow's own Python client logging the same content (100 runs x
# 100 params x 10 metrics x 100 steps) to the same server, in one go. Backends: SQLite (what a
# room should run) and the file store.
# Usage: bash bench/sync.sh   (env RUNS=100, SKIP_BUILD=1 to use the built lab as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOL="${MLFLOW_TOOL_DIR:-$(cd .. && pwd)/shared/tools/mlflow-server}"
SRC="${MLFLOW_SRC_DIR:-/opt/mlflow-2.12.2}"
RUNS="${RUNS:-100}"
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build build/native --target lab >/dev/null
LAB=build/native/src/lab
work=$(mktemp -d /tmp/lab-sync-bench-XXXXXX)
py() { PYTHONNOUSERSITE=1 PYTHONPATH="$SRC" RUNS="$RUNS" /usr/bin/python3 bench/sync_content.py "$@"; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

py local "$work/local"  # the lab's store: written once, not timed
echo "content: $RUNS runs x 100 params x 10 metrics x 100 steps; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in sqlite file; do
  port=$(free_port)
  store="$work/server-$backend"
  [ "$backend" = sqlite ] && store="sqlite:///$work/server-$backend.db"
  pid=$(MLFLOW_STATE_DIR="$work/state-$backend" bash "$TOOL/start.sh" "$store" "$port" 2>/dev/null)
  url="http://127.0.0.1:$port"
  for round in 1 2; do
    py_s=$(py remote "$url" "python-$round")
    t0=$(date +%s.%N)
    "$LAB" sync --store "$work/local" --server "$url" --experiment "lab-$round" >/dev/null 2>&1
    t1=$(date +%s.%N)
    rm -rf "$work/local-sync"  # the next round sends everything again
    lab_s=$(echo "$t1 - $t0" | bc -l)
    printf '%-7s round %d  lab sync: %6.2f s = %6.1f runs/s   MLflow Python client: %6.2f s = %6.1f runs/s\n' \
      "$backend" "$round" "$lab_s" "$(echo "$RUNS / $lab_s" | bc -l)" "$py_s" "$(echo "$RUNS / $py_s" | bc -l)"
  done
  # Both sides landed complete: every run with 100 params and 10 x 100 metric points.
  PYTHONNOUSERSITE=1 PYTHONPATH="$SRC" /usr/bin/python3 - "$url" "$RUNS" <<'PY'
import sys
from mlflow.tracking import MlflowClient
c = MlflowClient(tracking_uri=sys.argv[1])
for name in ("lab-1", "python-1"):
    e = c.get_experiment_by_name(name)
    runs = c.search_runs([e.experiment_id], max_results=1000)
    assert len(runs) == int(sys.argv[2]), (name, len(runs))
    r = runs[0]
    assert len(r.data.params) == 100, (name, len(r.data.params))
    assert sum(len(c.get_metric_history(r.info.run_id, f"m{k}")) for k in range(10)) == 1000, name
print("checked: both experiments hold every run with 100 params and 1000 metric points")
PY
  bash "$TOOL/stop.sh" "$pid" 2>/dev/null
done
rm -rf "$work"
