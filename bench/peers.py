#!/usr/bin/python3
"""Times the peers on a LABBENCH data file, one thread each; prints one JSON object per model.
sklearn HistGradientBoosting (100 iterations, early stopping off), RandomForest (n_jobs=1),
LogisticRegression (lbfgs), xgboost hist (100 trees, depth 6, nthread=1).
Usage: /usr/bin/python3 bench/peers.py data.bin model[,model...] reps rf_trees
"""
import json, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_data import read
from threadpoolctl import threadpool_limits
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
import xgboost


def make(name, rf_trees):
    if name == "xgboost_hist":
        return xgboost.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.3, tree_method="hist", n_jobs=1)
    if name == "sklearn_hgb":
        return HistGradientBoostingClassifier(max_iter=100, early_stopping=False)
    if name == "sklearn_rf":
        return RandomForestClassifier(n_estimators=rf_trees, n_jobs=1, random_state=0)
    if name == "sklearn_lr":
        return LogisticRegression(solver="lbfgs", max_iter=1000)
    raise SystemExit("unknown peer " + name)


def main():
    path, names, reps, rf_trees = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), int(sys.argv[4])
    Xtr, ytr, Xte, yte = read(path)
    with threadpool_limits(limits=1):
        for name in names:
            fit_best = fit_cpu_best = predict_best = float("inf")
            for _ in range(reps):
                m = make(name, rf_trees)
                t0, c0 = time.perf_counter(), time.process_time()
                m.fit(Xtr, ytr)
                fit_best = min(fit_best, time.perf_counter() - t0)
                fit_cpu_best = min(fit_cpu_best, time.process_time() - c0)  # all threads of the process
                t0 = time.perf_counter(); p = m.predict_proba(Xte)[:, 1]; predict_best = min(predict_best, time.perf_counter() - t0)
                auc = roc_auc_score(yte, p)
            print(json.dumps({"learner": name, "fit_s": fit_best, "fit_cpu_s": fit_cpu_best, "predict_s": predict_best, "auc": auc, "reps": reps,
                              "train_rows": len(ytr)}), flush=True)


if __name__ == "__main__":
    main()
