#!/usr/bin/python3
"""Reference for the lab's LIME (tests/core/explain/lime_tabular_test.cpp).

Run with Debian's numpy / scikit-learn:   /usr/bin/python3 tests/reference/lime_reference.py
Writes tests/reference/expected/lime.json.

The `lime` package itself is not installable on this project's machines (it is on PyPI only, not in
Debian, and PyPI is not reachable), so this file re-implements, in a few lines, the parts of
lime 0.2 (github.com/marcotcr/lime, lime_tabular.py / lime_base.py / discretize.py at fd7eb2e)
that run with LimeTabularExplainer's defaults, on numpy and scikit-learn exactly as lime calls them:

  1. QuartileDiscretizer: np.percentile(column, [25, 50, 75]), np.unique, np.searchsorted; per bin
     the mean, np.std + 1e-11, min (training min, then the edges), max (the edges, then the
     training max); the bin frequencies of the discretised training data.
  2. explain_instance_with_data: kernel sqrt(exp(-d^2 / w^2)), w = 0.75 sqrt(n_features), on the
     Euclidean distances (sklearn pairwise_distances) of the binary neighbourhood to row 0;
     feature_selection 'auto' (forward_selection with Ridge(alpha=0) scores for num_features <= 6,
     else highest_weights with Ridge(alpha=0.01)) and 'none'; Ridge(alpha=1) with sample_weight;
     score = its weighted R^2; local_pred = its prediction at row 0.

Random draws differ between numpy and the lab (the lab's own seeded generator), so the fixture
carries the neighbourhood itself (binary matrix and the labels a logistic regression gave its
undiscretised rows; here a clipped normal stands in for lime's truncnorm, which does not matter
because only the fit is compared): the C++ test refits it and must match sklearn's numbers to 1e-9. The lab's
sampling is checked by properties in the C++ test (bin shares, bounds, seeds).
"""
import json, os
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import pairwise_distances

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(13)

# Training data: synth_binary.csv's first 6 columns, a whole-number column with heavy ties (so a
# quartile repeats and np.unique merges bins) and a 3-category column (indices 0..2).
raw = np.loadtxt(os.path.join(HERE, "data", "synth_binary.csv"), delimiter=",", skiprows=1)
X = raw[:, :6].copy()
ties = np.clip(np.round(np.abs(raw[:, 6])), 0, 3)
cat = np.digitize(raw[:, 7], [-0.5, 0.7]).astype(float)
X = np.column_stack([X, ties, cat])
y = raw[:, -1]
names = ["x0", "x1", "x2", "x3", "x4", "x5", "ties", "colour"]
categorical = [7]
categories = {7: ["red", "green", "blue"]}


def quartile_stats(column):
    edges = np.unique(np.percentile(column, [25, 50, 75]))
    codes = np.searchsorted(edges, column)
    means, stds = [], []
    for b in range(len(edges) + 1):
        sel = column[codes == b]
        means.append(0.0 if len(sel) == 0 else float(np.mean(sel)))
        stds.append((0.0 if len(sel) == 0 else float(np.std(sel))) + 1e-11)
    mins = [float(column.min())] + edges.tolist()
    maxs = edges.tolist() + [float(column.max())]
    return edges, codes, means, stds, mins, maxs


def frequencies(codes):
    values, counts = np.unique(codes, return_counts=True)
    return values.tolist(), (counts / counts.sum()).tolist()


domain = []
discretised = X.copy()
for f in range(X.shape[1]):
    if f in categorical:
        values, shares = frequencies(X[:, f])
        domain.append({"name": names[f], "categories": categories[f], "values": values, "shares": shares})
        continue
    edges, codes, means, stds, mins, maxs = quartile_stats(X[:, f])
    discretised[:, f] = codes
    values, shares = frequencies(codes)
    domain.append({"name": names[f], "edges": edges.tolist(), "bin_mean": means, "bin_std": stds,
                   "bin_min": mins, "bin_max": maxs, "values": values, "shares": shares})


def kernel_weights(binary):
    width = np.sqrt(binary.shape[1]) * 0.75
    d = pairwise_distances(binary, binary[0].reshape(1, -1), metric="euclidean").ravel()
    return np.sqrt(np.exp(-(d ** 2) / width ** 2))


def ridge_score(data, labels, weights, cols, alpha):
    model = Ridge(alpha=alpha, fit_intercept=True).fit(data[:, cols], labels, sample_weight=weights)
    return model, model.score(data[:, cols], labels, sample_weight=weights)


def select(data, labels, weights, num_features, method):
    if method == "auto":
        method = "forward_selection" if num_features <= 6 else "highest_weights"
    if method == "none":
        return list(range(data.shape[1]))
    if method == "forward_selection":
        chosen = []
        for _ in range(min(num_features, data.shape[1])):
            best, best_score = 0, -100000000
            for f in range(data.shape[1]):
                if f in chosen:
                    continue
                _, s = ridge_score(data, labels, weights, chosen + [f], 0)
                if s > best_score:
                    best, best_score = f, s
            chosen.append(best)
        return chosen
    model = Ridge(alpha=0.01, fit_intercept=True).fit(data, labels, sample_weight=weights)
    ranked = sorted(zip(range(data.shape[1]), model.coef_ * data[0]), key=lambda p: np.abs(p[1]), reverse=True)
    return [int(p[0]) for p in ranked[:num_features]]


def explain(data, labels, weights, num_features, method):
    cols = select(data, labels, weights, num_features, method)
    model, score = ridge_score(data, labels, weights, cols, 1)
    coefs = sorted(zip(cols, model.coef_), key=lambda p: np.abs(p[1]), reverse=True)
    local = float(model.predict(data[0, cols].reshape(1, -1))[0])
    return {"num_features": num_features, "selection": method, "selected": [int(c) for c in cols],
            "coefs": [[int(c), float(w)] for c, w in coefs], "intercept": float(model.intercept_),
            "score": float(score), "local_pred": float(local)}


# A neighbourhood of one row drawn as lime draws it (numpy's random numbers), labelled by a
# logistic regression on the undiscretised samples.
model = LogisticRegression(max_iter=1000).fit(X, y)
row = X[17]
row_codes = discretised[17]
n = 1500
binary = np.zeros((n, X.shape[1]))
inverse = np.zeros((n, X.shape[1]))
for f, dom in enumerate(domain):
    drawn = rng.choice(dom["values"], size=n, replace=True, p=dom["shares"])
    binary[:, f] = (drawn == row_codes[f]).astype(int)
    if f in categorical:
        inverse[:, f] = drawn
    else:
        b = drawn.astype(int)
        lo, hi = np.array(dom["bin_min"])[b], np.array(dom["bin_max"])[b]
        mu, sd = np.array(dom["bin_mean"])[b], np.array(dom["bin_std"])[b]
        inverse[:, f] = np.clip(rng.normal(mu, sd), lo, hi)
binary[0] = 1
inverse[0] = row
labels = model.predict_proba(inverse)[:, 1]
weights = kernel_weights(binary)

out = {
    "source": "tests/reference/lime_reference.py (lime 0.2 defaults re-implemented on numpy/scikit-learn; lime itself not installable)",
    "columns": [X[:, f].tolist() for f in range(X.shape[1])],
    "names": names,
    "categories": [categories.get(f, []) for f in range(X.shape[1])],
    "domain": domain,
    "row": row.tolist(),
    "binary": binary.tolist(),
    "labels": labels.tolist(),
    "weights": weights.tolist(),
    "fits": [explain(binary, labels, weights, k, m) for k, m in [(3, "auto"), (6, "auto"), (10, "auto"), (5, "highest_weights"), (0, "none")]],
}
os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
with open(os.path.join(HERE, "expected", "lime.json"), "w") as fh:
    json.dump(out, fh)
print("wrote expected/lime.json:", [(f["selection"], f["num_features"], round(f["score"], 4)) for f in out["fits"]])
