#!/usr/bin/python3
"""Writes the tree learners' test data and reference numbers (tests/core/models/).

Run with Debian's scikit-learn 1.2.1 / xgboost 1.7.4:   /usr/bin/python3 tests/reference/trees_reference.py
Outputs (in tests/reference/data/):
  synth_binary.csv, synth_regression.csv   generated here (header row, last column = target)
  breast_cancer.csv, iris.csv              copied verbatim from scikit-learn's bundled data
  tree_reference.json                      reference metrics on the test rows
Split used everywhere (and by the C++ tests): data row i is a test row when i % 5 == 0.
The reference models are fitted on the CSV values as written (rounded), so both sides see
exactly the same numbers.
"""
import json, os, shutil
import numpy as np
import sklearn, xgboost
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SKDATA = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")
RF_SEEDS = range(20)  # forests are random: the reference is the mean over these seeds


def write_csv(name, X, y):
    path = os.path.join(DATA, name)
    with open(path, "w") as f:
        f.write(",".join([f"x{j}" for j in range(X.shape[1])] + ["target"]) + "\n")
        for row, t in zip(X, y):
            f.write(",".join("%.6g" % v for v in row) + ",%.6g\n" % t)
    return load_csv(name, 1)


def load_csv(name, skip):
    a = np.loadtxt(os.path.join(DATA, name), delimiter=",", skiprows=skip)
    return a[:, :-1], a[:, -1]


def split(X, y):
    test = np.arange(len(y)) % 5 == 0
    return X[~test], y[~test], X[test], y[test]


def xgb_params(ytr):
    # base_score = the training mean (a probability for log loss), as our hist_gbdt starts from the
    # prior; xgboost 1.7's default 0.5 would spend its first trees catching up on regression targets.
    return dict(n_estimators=100, max_depth=6, learning_rate=0.3, reg_lambda=1.0, min_child_weight=1.0,
                tree_method="hist", max_bin=256, n_jobs=1, base_score=float(np.mean(ytr)))


def classification(X, y, binary):
    Xtr, ytr, Xte, yte = split(X, y)
    out = {"train_rows": int(len(ytr)), "test_rows": int(len(yte))}
    for depth in (None, 4):
        dt = DecisionTreeClassifier(random_state=0, max_depth=depth).fit(Xtr, ytr)
        out["dt_accuracy_depth_%s" % (depth or "none")] = accuracy_score(yte, dt.predict(Xte))
    rf_acc, rf_auc = [], []
    for s in RF_SEEDS:
        rf = RandomForestClassifier(n_estimators=100, random_state=s).fit(Xtr, ytr)
        rf_acc.append(accuracy_score(yte, rf.predict(Xte)))
        if binary:
            rf_auc.append(roc_auc_score(yte, rf.predict_proba(Xte)[:, 1]))
    out["rf_accuracy_mean"] = float(np.mean(rf_acc))
    if binary:
        out["rf_auc_mean"] = float(np.mean(rf_auc))
        out["rf_auc_seed_spread"] = float(np.max(rf_auc) - np.min(rf_auc))
        xgb = xgboost.XGBClassifier(**xgb_params(ytr)).fit(Xtr, ytr)
        out["xgb_auc"] = roc_auc_score(yte, xgb.predict_proba(Xte)[:, 1])
    return out


def regression(X, y):
    Xtr, ytr, Xte, yte = split(X, y)
    rmse = lambda p: float(np.sqrt(mean_squared_error(yte, p)))
    out = {"train_rows": int(len(ytr)), "test_rows": int(len(yte))}
    for depth in (None, 6):
        dt = DecisionTreeRegressor(random_state=0, max_depth=depth).fit(Xtr, ytr)
        out["dt_rmse_depth_%s" % (depth or "none")] = rmse(dt.predict(Xte))
    out["rf_rmse_mean"] = float(np.mean([rmse(RandomForestRegressor(n_estimators=100, random_state=s).fit(Xtr, ytr)
                                               .predict(Xte)) for s in RF_SEEDS]))
    out["xgb_rmse"] = rmse(xgboost.XGBRegressor(**xgb_params(ytr)).fit(Xtr, ytr).predict(Xte))
    gentle = dict(xgb_params(ytr), n_estimators=200, learning_rate=0.05, max_depth=4)
    out["xgb_rmse_200_trees_lr_0.05_depth_4"] = rmse(xgboost.XGBRegressor(**gentle).fit(Xtr, ytr).predict(Xte))
    return out


def main():
    os.makedirs(DATA, exist_ok=True)
    X, y = make_classification(n_samples=2000, n_features=10, n_informative=6, random_state=1)
    Xb, yb = write_csv("synth_binary.csv", X, y)
    X, y = make_friedman1(n_samples=4000, n_features=5, noise=1.0, random_state=2)
    Xr, yr = write_csv("synth_regression.csv", X, y)
    for name in ("breast_cancer.csv", "iris.csv"):
        shutil.copyfile(os.path.join(SKDATA, name), os.path.join(DATA, name))
    Xc, yc = load_csv("breast_cancer.csv", 1)  # first line: "569,30,malignant,benign"
    Xi, yi = load_csv("iris.csv", 1)            # first line: "150,4,setosa,versicolor,virginica"
    ref = {
        "made_with": "scikit-learn %s, xgboost %s" % (sklearn.__version__, xgboost.__version__),
        "synth_binary": classification(Xb, yb, True),
        "breast_cancer": classification(Xc, yc, True),
        "iris": classification(Xi, yi, False),
        "synth_regression": regression(Xr, yr),
    }
    with open(os.path.join(DATA, "tree_reference.json"), "w") as f:
        json.dump(ref, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(ref, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
