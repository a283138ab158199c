#!/usr/bin/python3
"""Writes tests/reference/expected/halving_schedule.json: the rungs of scikit-learn's
HalvingRandomSearchCV (resources and candidates per rung) for several n_candidates / factor /
min_resources / max_resources, read from a real fit (n_resources_, n_candidates_,
n_iterations_, n_required_iterations_, n_possible_iterations_, min_resources_).
tests/core/tune/halving_schedule_test.cpp checks core/tune/halving_schedule.cpp against it.
The estimator is Ridge on random data (fast; only the schedule matters) with a continuous
alpha distribution, so every requested candidate is drawn.
Run from the repository root: /usr/bin/python3 tests/reference/halving_schedule_reference.py
"""
import json
import os
import warnings

import numpy as np
import scipy.stats
import sklearn
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import HalvingRandomSearchCV

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected", "halving_schedule.json")

# (n_candidates, factor, min_resources, max_resources, cv, aggressive_elimination, classifier)
CASES = [
    (50, 3, "exhaust", 1000, 5, False, False),
    (50, 3, "smallest", 1000, 5, False, False),
    (50, 3, "smallest", 1000, 5, False, True),   # smallest = 2 * cv * n_classes for a classifier
    (50, 3, 20, 1000, 5, False, False),
    (27, 3, "exhaust", 1000, 5, False, False),
    (81, 3, "exhaust", 400, 3, False, False),
    (243, 3, "exhaust", 5000, 5, False, False),  # log(243, 3) is 4.999... in floating point
    (10, 2, 30, 1000, 5, False, False),
    (100, 3, 100, 1000, 5, False, False),        # fewer possible rungs than required
    (100, 3, 100, 1000, 5, True, False),         # ... unless aggressive elimination
    (8, 4, "exhaust", 900, 5, False, False),
    (5, 3, "exhaust", 300, 5, False, False),
    (2, 3, "exhaust", 300, 5, False, False),
]


def run(n_candidates, factor, min_resources, max_resources, cv, aggressive, classifier):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(max_resources, 3))
    if classifier:
        y = (X[:, 0] + rng.normal(size=max_resources) > 0).astype(int)
        est, dist = LogisticRegression(), {"C": scipy.stats.loguniform(1e-2, 1e2)}
    else:
        y = X @ [1.0, -2.0, 0.5] + rng.normal(size=max_resources)
        est, dist = Ridge(), {"alpha": scipy.stats.loguniform(1e-3, 1e3)}
    s = HalvingRandomSearchCV(est, dist, n_candidates=n_candidates, factor=factor, min_resources=min_resources,
                              max_resources=max_resources, cv=cv, aggressive_elimination=aggressive,
                              random_state=0, refit=False).fit(X, y)
    return {
        "n_candidates": n_candidates, "factor": factor, "min_resources": min_resources,
        "max_resources": max_resources, "cv": cv, "aggressive_elimination": aggressive, "classifier": classifier,
        "min_resources_": int(s.min_resources_), "n_resources_": [int(v) for v in s.n_resources_],
        "n_candidates_": [int(v) for v in s.n_candidates_], "n_iterations_": int(s.n_iterations_),
        "n_required_iterations_": int(s.n_required_iterations_),
        "n_possible_iterations_": int(s.n_possible_iterations_),
        "n_remaining_candidates_": int(s.n_remaining_candidates_),
    }


def main():
    cases = [run(*c) for c in CASES]
    with open(OUT, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["n_candidates"], c["factor"], c["min_resources"], c["max_resources"], c["n_resources_"], c["n_candidates_"])


if __name__ == "__main__":
    main()
