#!/usr/bin/python3
"""Reference for the lab's PCA map (tests/core/eda/pca_map_test.cpp).

Run with Debian's scikit-learn 1.2.1:   /usr/bin/python3 tests/reference/pca_reference.py
Writes tests/reference/data/pca_mixed.csv (a seeded mixed table: four numbers, two categories,
a target) and tests/reference/expected/pca.json.

The lab's map encodes the feature columns as its training pipeline does by default: numbers
standardised (mean 0, population sd 1: StandardScaler), categories one-hot with one 0/1 column
per category in sorted order (OneHotEncoder), numbers first then categories, each in column
order. Then PCA(n_components=2, svd_solver="full"): explained variance (S^2 / (n - 1)), its
ratio of the total, the components (compared up to sign) and the first rows' coordinates.
"""
import json, os
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "data", "pca_mixed.csv")

rng = np.random.default_rng(13)
n = 400
income = rng.normal(50, 12, n)
spend = 0.6 * income + rng.normal(0, 6, n)
tenure = rng.uniform(0, 72, n)
calls = rng.poisson(2 + tenure / 24)
plan = np.where(tenure > 48, "pro", np.where(tenure > 20, "plus", "basic"))
plan = np.where(rng.random(n) < 0.15, rng.choice(["basic", "plus", "pro"], n), plan)
region = rng.choice(["east", "north", "south", "west"], n, p=[0.2, 0.3, 0.3, 0.2])
churned = np.where(rng.random(n) < 1 / (1 + np.exp(0.05 * (tenure - 30))), "yes", "no")
with open(CSV, "w") as f:
    f.write("income,spend,tenure,calls,plan,region,churned\n")
    for i in range(n):
        f.write("%.6g,%.6g,%.6g,%d,%s,%s,%s\n" % (income[i], spend[i], tenure[i], calls[i], plan[i], region[i], churned[i]))

df = pd.read_csv(CSV)  # the numbers as written, as the lab reads them
numeric, categorical = ["income", "spend", "tenure", "calls"], ["plan", "region"]
enc = ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(), categorical)])
Z = enc.fit_transform(df[numeric + categorical])
Z = Z.toarray() if hasattr(Z, "toarray") else Z
columns = numeric + ["%s=%s" % (c, v) for c, cats in zip(categorical, enc.named_transformers_["cat"].categories_) for v in cats]
pca = PCA(n_components=2, svd_solver="full").fit(Z)
out = {
    "source": "sklearn.decomposition.PCA(n_components=2, svd_solver='full'), scikit-learn 1.2.1, on StandardScaler + OneHotEncoder",
    "columns": columns,
    "explained_variance": pca.explained_variance_.tolist(),
    "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
    "components": pca.components_.tolist(),
    "mean": pca.mean_.tolist(),
    "scores_first_rows": pca.transform(Z[:10]).tolist(),
}
with open(os.path.join(HERE, "expected", "pca.json"), "w") as f:
    json.dump(out, f, indent=1)
print("explained variance", pca.explained_variance_, "ratio", pca.explained_variance_ratio_)
