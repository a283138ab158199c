#!/usr/bin/python3
"""Reference for the lab's permutation importance (tests/core/explain/permutation_importance_test.cpp).

Run with Debian's scikit-learn 1.2.1:   /usr/bin/python3 tests/reference/permutation_importance_reference.py
Writes tests/reference/expected/permutation_importance.json.

Both sides must score the SAME model on the SAME shuffles, so the fixture carries:
  - a logistic regression fitted here on synth_binary.csv's training rows (row i is a test row
    when i % 5 == 0, as tests/core/models/tree_test_data.hpp); the C++ test predicts with
    exactly these coefficients (sigmoid(w.x + b)) and scores ROC AUC with the lab's roc_auc;
  - the index orders scikit-learn's permutation_importance draws (replayed from its RandomState
    calls: one seed drawn from random_state, then per column a fresh RandomState(seed) shuffling
    a running index order every repeat), checked below to reproduce its output exactly;
  - scikit-learn's importances_mean / importances_std / importances.
"""
import json, os
import numpy as np
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.utils import check_random_state

HERE = os.path.dirname(os.path.abspath(__file__))
REPEATS, RANDOM_STATE = 5, 7

data = np.loadtxt(os.path.join(HERE, "data", "synth_binary.csv"), delimiter=",", skiprows=1)
test = np.arange(len(data)) % 5 == 0
X_train, y_train = data[~test, :-1], data[~test, -1]
X_test, y_test = data[test, :-1], data[test, -1]
model = LogisticRegression(C=1.0, max_iter=1000).fit(X_train, y_train)
result = permutation_importance(model, X_test, y_test, scoring="roc_auc", n_repeats=REPEATS,
                                random_state=RANDOM_STATE)

# Replay sklearn's shuffles.
seed = check_random_state(RANDOM_STATE).randint(np.iinfo(np.int32).max + 1)
orders = []
for col in range(X_test.shape[1]):
    rs = check_random_state(seed)
    idx = np.arange(X_test.shape[0])
    per_repeat = []
    for _ in range(REPEATS):
        rs.shuffle(idx)
        per_repeat.append(idx.tolist())
    orders.append(per_repeat)

# The replay must give sklearn's numbers: the same procedure by hand.
baseline = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
for col in range(X_test.shape[1]):
    Xp = X_test.copy()
    for r in range(REPEATS):
        Xp[:, col] = Xp[np.array(orders[col][r]), col]
        drop = baseline - roc_auc_score(y_test, model.predict_proba(Xp)[:, 1])
        assert abs(drop - result.importances[col, r]) < 1e-15, (col, r)

out = {
    "source": "sklearn.inspection.permutation_importance, scikit-learn 1.2.1, scoring=roc_auc, n_repeats=5, random_state=7",
    "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
    "baseline": baseline, "orders": orders,
    "importances_mean": result.importances_mean.tolist(), "importances_std": result.importances_std.tolist(),
    "importances": result.importances.tolist(),
}
with open(os.path.join(HERE, "expected", "permutation_importance.json"), "w") as f:
    json.dump(out, f, indent=1)
print("baseline", baseline, "means", np.round(result.importances_mean, 4))
