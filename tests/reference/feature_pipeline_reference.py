#!/usr/bin/python3
"""Reference numbers for tests/core/features/feature_pipeline_reference_test.cpp.
Run with Debian's scikit-learn 1.2.1: /usr/bin/python3 tests/reference/feature_pipeline_reference.py"""
import csv
import numpy as np
from sklearn.preprocessing import KBinsDiscretizer, StandardScaler
from sklearn.impute import SimpleImputer

rows = list(csv.DictReader(open("assets/iris.csv")))
X = np.array([[float(r["sepal_length"]), float(r["petal_width"])] for r in rows])
kb = KBinsDiscretizer(n_bins=4, encode="ordinal", strategy="quantile").fit(X)
print("bin edges sepal_length", [repr(v) for v in kb.bin_edges_[0][1:-1]])
print("bin edges petal_width", [repr(v) for v in kb.bin_edges_[1][1:-1]])
print("ordinal bins rows 0, 50, 100", kb.transform(X[[0, 50, 100]]).tolist())
sc = StandardScaler().fit(X)
print("scaler mean", [repr(v) for v in sc.mean_], "scale", [repr(v) for v in sc.scale_])
col = np.array([[1.0], [np.nan], [3.0], [10.0], [3.0]])
print("median", SimpleImputer(strategy="median").fit(col).statistics_.tolist(),
      "mean", SimpleImputer(strategy="mean").fit(col).statistics_.tolist(),
      "most_frequent", SimpleImputer(strategy="most_frequent").fit(col).statistics_.tolist())
