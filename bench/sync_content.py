"""The sync benchmark's content, logged with MLflow's own Python client (MlflowClient).

  sync_content.py local  DIR             write it into a local file store (what `lab sync` sends)
  sync_content.py remote URL EXPERIMENT  log it to a tracking server; prints the seconds taken

Content: RUNS runs x 100 params x 10 metrics x 100 steps (env RUNS, default 100), fixed values and
timestamps, so both sides send the same bytes. Run with /usr/bin/python3 and the vendored MLflow
on PYTHONPATH (../shared/tools/mlflow-server).
"""
import os
import sys
import time

from mlflow.entities import Metric, Param
from mlflow.tracking import MlflowClient

RUNS = int(os.environ.get("RUNS", "100"))
PARAMS, METRICS, STEPS = 100, 10, 100
T0 = 1700000000000


def log_all(client, experiment_id):
    for r in range(RUNS):
        run = client.create_run(experiment_id, start_time=T0 + r, run_name=f"bench-{r}",
                                tags={"mlflow.user": "bench", "mlflow.source.name": "bench"})
        rid = run.info.run_id
        params = [Param(f"p{i:03d}", f"value-{r}-{i}") for i in range(PARAMS)]
        metrics = [Metric(f"m{k}", (r * 7 + k * 3 + s) % 101 / 100.0, T0 + s, s)
                   for k in range(METRICS) for s in range(STEPS)]
        client.log_batch(rid, metrics=metrics, params=params)  # the client splits it within MLflow's limits
        client.set_terminated(rid, "FINISHED", end_time=T0 + 10000 + r)


def main():
    mode = sys.argv[1]
    if mode == "local":
        client = MlflowClient(tracking_uri="file://" + os.path.abspath(sys.argv[2]))
        log_all(client, client.create_experiment("bench"))
        return
    client = MlflowClient(tracking_uri=sys.argv[2])
    start = time.perf_counter()
    log_all(client, client.create_experiment(sys.argv[3]))
    print(f"{time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
