"""The drift report's data and its SciPy peer (bench/drift_report.sh runs both).

  /usr/bin/python3 bench/drift_peer.py make DIR ROWS      # DIR/ref.csv and DIR/cur.csv, 20 columns
  /usr/bin/python3 bench/drift_peer.py scipy DIR          # Evidently's default tests with SciPy, timed

Columns: 12 numeric (normal, log-normal, uniform; the current side shifted for a third of them)
and 8 categorical (3-12 values; shares moved for a quarter of them). Above 1,000 reference rows
Evidently runs the normed Wasserstein distance on numbers and Jensen-Shannon on categories.
"""
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def make(d, rows):
    rng = np.random.default_rng(7)
    for name, shift in (("ref", 0.0), ("cur", 1.0)):
        cols = {}
        for i in range(12):
            s = shift * (0.3 if i % 3 == 0 else 0.0)
            if i % 3 == 0:
                cols[f"n{i}"] = np.round(rng.normal(50 + 10 * s, 10, rows), 3)
            elif i % 3 == 1:
                cols[f"n{i}"] = np.round(rng.lognormal(3, 0.5, rows), 3)
            else:
                cols[f"n{i}"] = np.round(rng.uniform(0, 100, rows), 3)
        for i in range(8):
            k = 3 + i
            p = np.ones(k) / k
            if shift and i % 4 == 0:
                p = np.linspace(1, 3, k)
                p /= p.sum()
            cols[f"c{i}"] = np.array([f"v{j}" for j in range(k)])[rng.choice(k, rows, p=p)]
        pd.DataFrame(cols).to_csv(f"{d}/{name}.csv", index=False)


def peer(d):
    t0 = time.perf_counter()
    ref = pd.read_csv(f"{d}/ref.csv")
    cur = pd.read_csv(f"{d}/cur.csv")
    t1 = time.perf_counter()
    drifted = 0
    for c in ref.columns:
        if ref[c].dtype.kind == "f":
            score = stats.wasserstein_distance(ref[c], cur[c]) / max(np.std(ref[c]), 0.001)
        else:
            keys = sorted(set(ref[c]) | set(cur[c]))
            rc, cc = ref[c].value_counts(), cur[c].value_counts()
            score = distance.jensenshannon([rc.get(k, 0) / len(ref) for k in keys], [cc.get(k, 0) / len(cur) for k in keys])
        drifted += score >= 0.1
    t2 = time.perf_counter()
    print(f"scipy: read {t1 - t0:.3f} s, tests {t2 - t1:.3f} s, drifted {drifted} of {len(ref.columns)}")


if __name__ == "__main__":
    make(sys.argv[2], int(sys.argv[3])) if sys.argv[1] == "make" else peer(sys.argv[2])
