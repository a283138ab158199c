"""Reference numbers for the drift tests (src/core/monitor/drift_statistics.cpp).

Run from the repository root with Debian's Python and SciPy (1.10.1):
    /usr/bin/python3 tests/reference/drift_references.py   # -> expected/drift_statistics.json

Each case holds the two samples and what SciPy returns for the test Evidently runs on them by
default (Evidently's legacy stattests, re-stated here with the same SciPy calls, since Evidently
itself is not packaged in Debian):
  ks            scipy.stats.ks_2samp(ref, cur)                     (method 'auto': exact below 10,000 rows)
  chisquare     scipy.stats.chisquare(f_obs=current counts, f_exp=reference counts * n_cur / n_ref)
  z             two-proportion Z test, p = 2 * (1 - norm.cdf(|z|))  (binary columns)
  wasserstein   scipy.stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
  jensenshannon scipy.spatial.distance.jensenshannon(ref shares, cur shares) per value (no filling)
"""
import json
import math
import os
import warnings

import numpy as np
from scipy import stats
from scipy.spatial import distance

rng = np.random.default_rng(20261204)
cases = []


def keys_of(ref, cur):
    # Evidently: the union of values; the order does not change the sums beyond rounding.
    return sorted(set(ref) | set(cur), key=lambda v: (str(type(v)), v))


def add(name, test, ref, cur):
    ref = list(ref)
    cur = list(cur)
    case = {"name": name, "test": test, "reference": ref, "current": cur}
    if test == "ks":
        r = stats.ks_2samp(np.array(ref, float), np.array(cur, float))
        case["statistic"], case["p_value"] = float(r.statistic), float(r.pvalue)
    elif test == "chisquare":
        keys = keys_of(ref, cur)
        k_norm = len(cur) / len(ref)
        f_exp = [ref.count(k) * k_norm for k in keys]
        f_obs = [cur.count(k) for k in keys]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.chisquare(f_obs, f_exp)
        case["statistic"], case["p_value"] = float(r.statistic), float(r.pvalue)
    elif test == "z":
        keys = sorted(set(ref) | set(cur), key=str)
        if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
            case["statistic"], case["p_value"] = 0.0, 1.0
        else:
            a = [0 if x == keys[0] else 1 for x in ref]
            b = [0 if x == keys[0] else 1 for x in cur]
            n1, n2 = len(a), len(b)
            p1, p2 = sum(a) / n1, sum(b) / n2
            P = (p1 * n1 + p2 * n2) / (n1 + n2)
            z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
            case["statistic"], case["p_value"] = float(z), float(2 * (1 - stats.norm.cdf(abs(z))))
    elif test == "wasserstein":
        d = stats.wasserstein_distance(ref, cur)
        case["distance"] = float(d)
        case["reference_std"] = float(np.std(ref))
        case["statistic"] = float(d / max(np.std(ref), 0.001))
    elif test == "jensenshannon":
        keys = keys_of(ref, cur)
        rp = np.array([ref.count(k) / len(ref) for k in keys])
        cp = np.array([cur.count(k) / len(cur) for k in keys])
        case["statistic"] = float(distance.jensenshannon(rp, cp))
    cases.append(case)


def rnd(a, digits=6):
    return [round(float(x), digits) for x in a]


# Kolmogorov-Smirnov: equal sizes (the square method), unequal sizes (the inside method),
# ties (integer data), same distribution, a shift, tiny samples, a lopsided pair.
add("ks equal sizes, shifted", "ks", rnd(rng.normal(0, 1, 200)), rnd(rng.normal(0.3, 1, 200)))
add("ks unequal sizes, same distribution", "ks", rnd(rng.normal(5, 2, 300)), rnd(rng.normal(5, 2, 170)))
add("ks ties (whole numbers)", "ks", [int(x) for x in rng.integers(0, 12, 400)], [int(x) for x in rng.integers(1, 13, 250)])
add("ks tiny samples", "ks", [1.0, 2.0, 3.5, 7.0, 9.0], [2.5, 3.0, 8.0])
add("ks lopsided sizes", "ks", rnd(rng.exponential(1.0, 1000)), rnd(rng.exponential(1.3, 37)))
add("ks large current", "ks", rnd(rng.normal(0, 1, 800)), rnd(rng.normal(0.05, 1, 5000)))
add("ks far apart", "ks", rnd(rng.normal(0, 1, 60)), rnd(rng.normal(4, 1, 80)))
add("ks identical samples", "ks", [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 6.0])

# Chi-squared on categories: equal shares, a shift, a value only the current has (expected 0),
# a reference value the current never shows (an empty bin), numbers with few values.
cats = ["DSL", "Fiber optic", "No"]
add("chisquare same shares", "chisquare", list(rng.choice(cats, 500, p=[0.4, 0.4, 0.2])), list(rng.choice(cats, 300, p=[0.4, 0.4, 0.2])))
add("chisquare shift to fiber", "chisquare", list(rng.choice(cats, 500, p=[0.4, 0.4, 0.2])), list(rng.choice(cats, 300, p=[0.2, 0.7, 0.1])))
add("chisquare empty bin in current", "chisquare", ["a"] * 40 + ["b"] * 35 + ["c"] * 25, ["a"] * 50 + ["b"] * 50)
add("chisquare value new in current", "chisquare", ["a"] * 40 + ["b"] * 60, ["a"] * 30 + ["b"] * 60 + ["z"] * 10)
add("chisquare numbers with 4 values", "chisquare", [int(x) for x in rng.integers(1, 5, 700)], [int(x) for x in rng.integers(1, 5, 90)])
add("chisquare many categories", "chisquare", [f"c{int(x)}" for x in rng.integers(0, 40, 900)], [f"c{int(x)}" for x in rng.integers(0, 45, 600)])

# Z test on binary columns, one-value columns included.
add("z two proportions", "z", list(rng.choice(["Yes", "No"], 400, p=[0.3, 0.7])), list(rng.choice(["Yes", "No"], 250, p=[0.45, 0.55])))
add("z 0/1 numbers", "z", [int(x) for x in rng.integers(0, 2, 900)], [int(x) for x in rng.integers(0, 2, 120)])
add("z one value, the same", "z", ["x"] * 50, ["x"] * 20)
add("z one value each, different", "z", ["x"] * 50, ["y"] * 20)

# Wasserstein normed by the reference's standard deviation (floor 0.001).
add("wasserstein shifted", "wasserstein", rnd(rng.normal(50, 10, 3000)), rnd(rng.normal(52, 10, 2000)))
add("wasserstein same distribution", "wasserstein", rnd(rng.lognormal(3, 0.5, 5000)), rnd(rng.lognormal(3, 0.5, 4000)))
add("wasserstein ties", "wasserstein", [int(x) for x in rng.integers(0, 30, 2500)], [int(x) for x in rng.integers(2, 32, 1500)])
add("wasserstein constant reference (std floor)", "wasserstein", [7.0] * 1200, rnd(rng.normal(7, 0.01, 1100)))

# Jensen-Shannon distance on per-value shares, empty bins left empty (Evidently fills none).
add("jensenshannon categories shift", "jensenshannon", list(rng.choice(cats, 3000, p=[0.4, 0.4, 0.2])), list(rng.choice(cats, 2000, p=[0.3, 0.5, 0.2])))
add("jensenshannon empty bin", "jensenshannon", ["a"] * 700 + ["b"] * 600, ["a"] * 900 + ["c"] * 300)
add("jensenshannon one value each", "jensenshannon", ["x"] * 1500, ["x"] * 1100)
add("jensenshannon numbers with 5 values", "jensenshannon", [int(x) for x in rng.integers(0, 5, 4000)], [int(x) for x in rng.integers(0, 5, 1800)])

# JSON has no infinity: a statistic that is infinite (a value the reference never had) is "inf".
for c in cases:
    for k in ("statistic", "p_value"):
        if k in c and math.isinf(c[k]):
            c[k] = "inf"
out = os.path.join(os.path.dirname(__file__), "expected", "drift_statistics.json")
with open(out, "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases to {out}")
