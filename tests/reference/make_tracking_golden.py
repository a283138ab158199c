#!/usr/bin/python3
"""Writes tests/reference/tracking_golden/: the files MLflow's FileStore would write for the fixed
scenario in tests/io/file_store_golden_test.cpp. It follows mlflow/store/tracking/file_store.py
(create_experiment, create_run, log_batch, log_inputs, update_run_info, delete_run,
delete_experiment; `_make_persisted_run_info_dict`, `_FileStoreInput.write_yaml`) and writes YAML
exactly as mlflow.utils.file_utils.write_yaml does: yaml.dump(..., default_flow_style=False,
allow_unicode=True, sort_keys=True) with the safe dumper. Needs only PyYAML (Debian python3-yaml).
Run: /usr/bin/python3 tests/reference/make_tracking_golden.py
"""
import hashlib
import os
import shutil

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tracking_golden")
ROOT = "ROOT"  # the store's absolute path; the test substitutes its temp folder
T0 = 1700000000000
EXP = "123456789012345678"
RUN = "0123456789abcdef0123456789abcdef"
RUN2 = "fedcba9876543210fedcba9876543210"
SCRATCH = "999999999999999999"


def write(path, text):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_yaml(path, data):
    write(path, yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=yaml.SafeDumper))


def experiment(exp_id, name, created, updated, stage="active"):
    return {"experiment_id": exp_id, "name": name, "artifact_location": f"file://{ROOT}/{exp_id}",
            "lifecycle_stage": stage, "creation_time": created, "last_update_time": updated}


def run_info(exp_id, run_id, name, start, end, status, stage="active", deleted_time=None):
    d = {"run_uuid": run_id, "run_id": run_id, "run_name": name, "experiment_id": exp_id, "user_id": "ana",
         "status": status, "start_time": start, "end_time": end,
         "artifact_uri": f"file://{ROOT}/{exp_id}/{run_id}/artifacts", "lifecycle_stage": stage}
    d["tags"] = []
    d["source_type"] = 4
    d["source_name"] = ""
    d["entry_point_name"] = ""
    d["source_version"] = ""
    if deleted_time is not None:
        d["deleted_time"] = deleted_time
    return d


def md5(*parts):
    m = hashlib.md5()
    for p in parts:
        m.update(p.encode("utf-8"))
    return m.hexdigest()


shutil.rmtree(OUT, ignore_errors=True)
write_yaml("0/meta.yaml", experiment("0", "Default", T0, T0))
write_yaml(f"{EXP}/meta.yaml", experiment(EXP, "loan study", T0 + 1000, T0 + 1000))
run_dir = f"{EXP}/{RUN}"
write_yaml(f"{run_dir}/meta.yaml", run_info(EXP, RUN, "baseline v2", T0 + 2000, T0 + 4000, 3))
write(f"{run_dir}/params/C", "0.5")
write(f"{run_dir}/params/algo", "logistic_regression")
write(f"{run_dir}/tags/mlflow.runName", "baseline v2")
write(f"{run_dir}/tags/mlflow.user", "ana")
write(f"{run_dir}/tags/mlflow.source.name", "mlops-lab")
write(f"{run_dir}/tags/mlflow.source.type", "LOCAL")
write(f"{run_dir}/tags/mlflow.note.content", "First try.\nUses C=0.5")
write(f"{run_dir}/metrics/train_loss",
      "".join("%s %s %s\n" % (T0 + 2100 + s, v, s) for s, v in [(1, 0.7), (2, 0.5), (3, 0.25)]))
write(f"{run_dir}/metrics/accuracy", "%s %s %s\n" % (T0 + 3000, 0.875, 3))
write(f"{run_dir}/artifacts/model/model.json", "{}")
dataset = {"name": "loan", "digest": "3f2a9c0d1e", "source_type": "code",
           "source": '{"tags": {"lab.generator": "loan"}}',
           "schema": '{"mlflow_colspec": [{"type": "double", "name": "age", "required": true}]}',
           "profile": '{"num_rows": 5000}'}
dataset_id = md5(dataset["name"], dataset["digest"])
write_yaml(f"{EXP}/datasets/{dataset_id}/meta.yaml", dataset)
input_id = md5(dataset_id, RUN)
write_yaml(f"{run_dir}/inputs/{input_id}/meta.yaml",
           {"source_type": "DATASET", "source_id": dataset_id, "destination_type": "RUN",
            "destination_id": dataset_id, "tags": {"mlflow.data.context": "training"}})
run2 = f"{EXP}/{RUN2}"
write_yaml(f"{run2}/meta.yaml", run_info(EXP, RUN2, "scrap", T0 + 5500, None, 1, "deleted", T0 + 6000))
write(f"{run2}/tags/mlflow.runName", "scrap")
write(f"{run2}/tags/mlflow.user", "ana")
write_yaml(f".trash/{SCRATCH}/meta.yaml", experiment(SCRATCH, "scratch", T0 + 7000, T0 + 8000, "deleted"))
print("wrote", OUT)
