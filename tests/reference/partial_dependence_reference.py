#!/usr/bin/python3
"""Reference for the lab's partial dependence and ICE (tests/core/explain/partial_dependence_test.cpp).

Run with Debian's scikit-learn 1.2.1:   /usr/bin/python3 tests/reference/partial_dependence_reference.py
Writes tests/reference/expected/partial_dependence.json.

Both sides ask the SAME model: a logistic regression fitted here on synth_binary.csv's training
rows (row i is a test row when i % 5 == 0); the C++ test predicts with exactly these coefficients
(sigmoid(w.x + b)). On the test rows, sklearn.inspection.partial_dependence(kind="both",
method="brute") for:
  - feature 0 as it is (continuous: 20 points from its 5th to its 95th percentile, scipy's
    mquantiles), and with the default grid_resolution=100;
  - feature 1 floored to whole numbers (fewer distinct values than the grid: the values themselves).
Kept: the grid, the average and the ICE curves of the first 25 rows.
"""
import json, os
import numpy as np
from sklearn.inspection import partial_dependence
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(HERE, "data", "synth_binary.csv"), delimiter=",", skiprows=1)
test = np.arange(len(data)) % 5 == 0
X_train, y_train = data[~test, :-1], data[~test, -1]
X_test = data[test, :-1]
model = LogisticRegression(C=1.0, max_iter=1000).fit(X_train, y_train)

cases = []
for name, feature, resolution, floor in [("continuous", 0, 20, False), ("continuous_default", 0, 100, False),
                                         ("few_values", 1, 20, True)]:
    X = X_test.copy()
    if floor:
        X[:, feature] = np.floor(X[:, feature])
    r = partial_dependence(model, X, [feature], kind="both", grid_resolution=resolution, method="brute")
    cases.append({"name": name, "feature": feature, "grid_resolution": resolution, "floor": floor,
                  "grid": r["values"][0].tolist(), "average": r["average"][0].tolist(),
                  "ice_first_rows": r["individual"][0][:25].tolist()})
    print(name, "grid", len(r["values"][0]), "average range", r["average"][0].min(), r["average"][0].max())

out = {"source": "sklearn.inspection.partial_dependence(kind='both', method='brute'), scikit-learn 1.2.1",
       "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]), "cases": cases}
with open(os.path.join(HERE, "expected", "partial_dependence.json"), "w") as f:
    json.dump(out, f, indent=1)
