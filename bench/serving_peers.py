#!/usr/bin/python3
"""The serving benchmark's peer: scikit-learn on the same churn CSV the lab generated.

For LogisticRegression and HistGradientBoostingClassifier (100 iterations, depth 6, learning rate
0.3, no early stopping: the lab's GBDT settings), each inside a Pipeline with the lab's feature
steps (median imputation + standardisation of numbers, one-hot categories), it prints one JSON
line with single-row predict_proba latency p50/p99 (one call per row, like one request each) and
batch predict_proba rows/s over all rows; medians over `reps` repetitions. One thread.
Usage: /usr/bin/python3 bench/serving_peers.py <churn.csv> <reps>
"""
import csv, json, os, statistics, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler  # noqa: E402

REQUESTS = 1000


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    drop = {"customerID", "Churn"}
    feats = [i for i, h in enumerate(header) if h not in drop]
    numeric = []
    for i in feats:
        try:
            [float(r[i]) for r in body if r[i] != ""]
            numeric.append(True)
        except ValueError:
            numeric.append(False)
    X = np.empty((len(body), len(feats)), dtype=object)
    for j, i in enumerate(feats):
        for r, row in enumerate(body):
            X[r, j] = (float(row[i]) if row[i] != "" else np.nan) if numeric[j] else row[i]
    y = np.array([1 if r[header.index("Churn")] == "Yes" else 0 for r in body])
    num_idx = [j for j in range(len(feats)) if numeric[j]]
    cat_idx = [j for j in range(len(feats)) if not numeric[j]]
    return X, y, num_idx, cat_idx


def pipeline(model, num_idx, cat_idx):
    numbers = Pipeline([("float", FunctionTransformer(lambda a: a.astype(float))),
                        ("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    prep = ColumnTransformer([("num", numbers, num_idx), ("cat", OneHotEncoder(handle_unknown="ignore"), cat_idx)])
    return Pipeline([("prep", prep), ("model", model)])


def main():
    path, reps = sys.argv[1], int(sys.argv[2])
    X, y, num_idx, cat_idx = load(path)
    n_train = int(len(y) * 0.8)
    models = {
        "sklearn_lr": LogisticRegression(C=1.0, max_iter=1000),
        "sklearn_hgb": HistGradientBoostingClassifier(max_iter=100, max_depth=6, learning_rate=0.3, early_stopping=False),
    }
    for name, model in models.items():
        pipe = pipeline(model, num_idx, cat_idx).fit(X[:n_train], y[:n_train])
        auc = roc_auc_score(y[n_train:], pipe.predict_proba(X[n_train:])[:, 1])
        for i in range(50):
            pipe.predict_proba(X[i:i + 1])  # warm-up
        p50s, p99s, rates = [], [], []
        for _ in range(reps):
            lat = []
            for i in range(REQUESTS):
                t0 = time.perf_counter()
                pipe.predict_proba(X[i:i + 1])
                lat.append((time.perf_counter() - t0) * 1000)
            lat.sort()
            p50s.append(lat[int(0.5 * REQUESTS + 0.999999) - 1])
            p99s.append(lat[int(0.99 * REQUESTS + 0.999999) - 1])
            t0 = time.perf_counter()
            pipe.predict_proba(X)
            rates.append(len(X) / (time.perf_counter() - t0))
        print(json.dumps({"side": "sklearn " + sklearn.__version__, "model": name, "rows": len(X), "requests": REQUESTS,
                          "reps": reps, "p50_ms": statistics.median(p50s), "p99_ms": statistics.median(p99s),
                          "predict_rows_per_s": statistics.median(rates), "test_auc": auc}), flush=True)


if __name__ == "__main__":
    main()
