"""Reads a lab store with MLflow's own classes (MLflow 2.12.2 from ../shared/tools/mlflow-server) and prints, as JSON,
what MLflow sees of each run and its logged model: the standard tags, the MLmodel file loaded
with mlflow.models.Model.load (flavors, signature, input example), the run's
mlflow.log-model.history tag read back with Model.from_dict, and get_model_info on runs:/<id>/model.

Usage: PYTHONPATH=/opt/mlflow-2.12.2 /usr/bin/python3 tests/cli/mlflow_check.py <mlruns-dir>
"""

import json
import os
import sys

import mlflow
from mlflow.entities import ViewType
from mlflow.models import Model
from mlflow.store.tracking.file_store import FileStore

STANDARD_TAGS = ["mlflow.runName", "mlflow.user", "mlflow.source.name", "mlflow.source.type"]


def colspec(c):
    d = c.to_dict()
    return {"name": d.get("name"), "type": d["type"], "required": d["required"], "spec": d}


def plain(v):
    return v.item() if hasattr(v, "item") else v


def main(root):
    root = os.path.abspath(root)
    store = FileStore(root)
    mlflow.set_tracking_uri("file://" + root)
    out = []
    for e in store.search_experiments(view_type=ViewType.ALL):
        for r in store.search_runs([e.experiment_id], None, ViewType.ALL, max_results=1000):
            tags = r.data.tags
            model_dir = os.path.join(root, e.experiment_id, r.info.run_id, "artifacts", "model")
            m = Model.load(os.path.join(model_dir, "MLmodel"))
            example = m.load_input_example(model_dir)
            history = [Model.from_dict(d) for d in json.loads(tags["mlflow.log-model.history"])]
            info = mlflow.models.get_model_info(f"runs:/{r.info.run_id}/model")
            out.append({
                "run_id": r.info.run_id,
                "run_name": r.info.run_name,
                "status": r.info.status,
                "tags": {k: tags.get(k) for k in STANDARD_TAGS},
                "model": {
                    "run_id": m.run_id,
                    "artifact_path": m.artifact_path,
                    "model_uuid": m.model_uuid,
                    "utc_time_created": m.utc_time_created,
                    "flavors": m.flavors,
                    "inputs": [colspec(c) for c in m.signature.inputs.inputs],
                    "outputs": [colspec(c) for c in m.signature.outputs.inputs],
                    "example_type": type(example).__name__,
                    "example_columns": list(example.columns),
                    "example_row": [plain(v) for v in example.iloc[0].tolist()],
                },
                "history": [{"model_uuid": h.model_uuid, "flavors": list(h.flavors),
                             "inputs": [c.name for c in h.signature.inputs.inputs]} for h in history],
                "model_info": {"model_uuid": info.model_uuid, "flavors": list(info.flavors),
                               "signature_inputs": [c.name for c in info.signature.inputs.inputs]},
            })
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
