#!/usr/bin/python3
"""scikit-learn's side of bench/tune.sh: RandomizedSearchCV or HalvingRandomSearchCV over
XGBoost's XGBClassifier(tree_method="hist") (the library our hist_gbdt follows, parameter for
parameter) on the very rows the lab used (its --split-out file), with the lab's default search
space for hist_gbdt, 5-fold stratified CV scored by ROC AUC, then the best refit on all training
rows and scored once on the test rows. Prints one JSON line.

Usage: tune_peers.py DATA.csv SPLIT.json TARGET random|halving N_CANDIDATES N_JOBS CV
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import scipy.stats as st
import sklearn
import xgboost
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import HalvingRandomSearchCV, RandomizedSearchCV, StratifiedKFold


class LogUniformInt:
    """n_estimators drawn log-uniformly as whole numbers, as the lab draws a log-scale Int."""

    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def rvs(self, random_state=None):
        rs = np.random.RandomState(random_state) if not isinstance(random_state, np.random.RandomState) else random_state
        return int(min(self.hi, np.floor(np.exp(rs.uniform(np.log(self.lo), np.log(self.hi + 1))))))


def main():
    data, split, target, strategy, n, n_jobs, cv = sys.argv[1:8]
    n, n_jobs, cv = int(n), int(n_jobs), int(cv)
    df = pd.read_csv(data)
    rows = json.load(open(split))
    X = df.drop(columns=[target]).to_numpy(float)
    y = df[target].to_numpy()
    tr, te = np.array(rows["train_rows"]), np.array(rows["test_rows"])
    # The lab's default space for hist_gbdt (its ParamSpec .tune ranges; log scale where it uses one).
    space = {
        "learning_rate": st.loguniform(0.01, 0.3),
        "max_depth": st.randint(2, 11),
        "min_child_weight": st.loguniform(0.1, 20),
        "reg_lambda": st.loguniform(0.01, 10),
        "subsample": st.uniform(0.5, 0.5),
        "colsample_bytree": st.uniform(0.5, 0.5),
    }
    est = xgboost.XGBClassifier(tree_method="hist", max_bin=256, n_jobs=1, random_state=0)
    folds = StratifiedKFold(cv, shuffle=True, random_state=0)
    if strategy == "random":
        space["n_estimators"] = LogUniformInt(30, 300)
        search = RandomizedSearchCV(est, space, n_iter=n, cv=folds, scoring="roc_auc", n_jobs=n_jobs, random_state=0,
                                    refit=False)
    else:
        search = HalvingRandomSearchCV(est, space, n_candidates=n, factor=3, resource="n_estimators",
                                       min_resources="exhaust", max_resources=300, cv=folds, scoring="roc_auc",
                                       n_jobs=n_jobs, random_state=0, refit=False)
    t0 = time.perf_counter()
    search.fit(X[tr], y[tr])
    seconds = time.perf_counter() - t0
    trials = len(search.cv_results_["params"])
    best = search.best_params_
    model = xgboost.XGBClassifier(tree_method="hist", max_bin=256, n_jobs=1, random_state=0, **best)
    model.fit(X[tr], y[tr])
    test_auc = roc_auc_score(y[te], model.predict_proba(X[te])[:, 1])
    print(json.dumps({"side": f"sklearn {sklearn.__version__} + xgboost {xgboost.__version__}", "strategy": strategy,
                      "threads": n_jobs, "trials": trials, "search_s": seconds, "trials_per_s": trials / seconds,
                      "best_cv_auc": float(search.best_score_), "test_auc": float(test_auc)}))


if __name__ == "__main__":
    main()
