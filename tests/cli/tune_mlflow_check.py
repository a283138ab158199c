"""Reads a tune's runs with MLflow's own FileStore and client (MLflow 2.12.2 from
../shared/tools/mlflow-server) and prints, as JSON, what MLflow sees: the parent run, its
children found by MLflow's search on tags.mlflow.parentRunId (how MLflow's UI nests them), each
child's params, per-fold metric history, mean/std and fit time, and the parent's leaderboard
artifact downloaded through mlflow.artifacts.

Usage: PYTHONPATH=/opt/mlflow-2.12.2 /usr/bin/python3 tests/cli/tune_mlflow_check.py <mlruns-dir> <parent-run-id>
"""
import json
import os
import sys

import mlflow
from mlflow.entities import ViewType
from mlflow.store.tracking.file_store import FileStore
from mlflow.tracking import MlflowClient


def main(root, parent_id):
    root = os.path.abspath(root)
    store = FileStore(root)
    mlflow.set_tracking_uri("file://" + root)
    client = MlflowClient()
    parent = store.get_run(parent_id)
    exp = parent.info.experiment_id
    children = store.search_runs([exp], f"tags.mlflow.parentRunId = '{parent_id}'", ViewType.ALL, max_results=1000)
    out_children = []
    for c in children:
        metric = [k for k in c.data.metrics if k.endswith("_fold")]
        history = client.get_metric_history(c.info.run_id, metric[0]) if metric else []
        out_children.append({
            "run_id": c.info.run_id, "run_name": c.info.run_name, "status": c.info.status,
            "params": c.data.params, "metrics": c.data.metrics, "tags": {k: v for k, v in c.data.tags.items() if k.startswith("lab.") or k == "mlflow.parentRunId"},
            "fold_history": [{"step": m.step, "value": m.value} for m in history],
        })
    local = mlflow.artifacts.download_artifacts(run_id=parent_id, artifact_path="leaderboard.json")
    with open(local) as f:
        leaderboard = json.load(f)
    print(json.dumps({
        "parent": {"run_id": parent.info.run_id, "run_name": parent.info.run_name, "status": parent.info.status,
                   "params": parent.data.params, "metrics": parent.data.metrics, "tags": parent.data.tags,
                   "artifacts": sorted(a.path for a in client.list_artifacts(parent_id))},
        "children": out_children,
        "leaderboard": leaderboard,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
