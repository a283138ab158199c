#!/usr/bin/python3
"""Writes the benchmark data once, for our learners and the peers alike.

make_classification(n_samples=N, n_features=20, n_informative=10, random_state=0), split by
train_test_split(test_size=0.2, random_state=0): the setup of ../shared/reference/PERF-ANCHORS.md.
Layout (read by learners_bench.cpp and peers.py): b"LABBENCH", uint64 n_train, n_test, n_features,
then float64 X_train (row-major), y_train, X_test, y_test, little-endian.
Usage: /usr/bin/python3 bench/make_data.py N out.bin
"""
import sys
import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split


def write(path, Xtr, ytr, Xte, yte):
    with open(path, "wb") as f:
        f.write(b"LABBENCH")
        f.write(np.array([len(ytr), len(yte), Xtr.shape[1]], dtype="<u8").tobytes())
        for a in (Xtr, ytr, Xte, yte):
            f.write(np.ascontiguousarray(a, dtype="<f8").tobytes())


def read(path):
    with open(path, "rb") as f:
        assert f.read(8) == b"LABBENCH", "not a LABBENCH file"
        ntr, nte, d = (int(v) for v in np.frombuffer(f.read(24), dtype="<u8"))
        data = np.frombuffer(f.read(), dtype="<f8")
    o = 0
    Xtr = data[o:o + ntr * d].reshape(ntr, d); o += ntr * d
    ytr = data[o:o + ntr]; o += ntr
    Xte = data[o:o + nte * d].reshape(nte, d); o += nte * d
    yte = data[o:o + nte]
    return Xtr, ytr, Xte, yte


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    X, y = make_classification(n_samples=n, n_features=20, n_informative=10, random_state=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=0)
    write(out, Xtr, ytr, Xte, yte)
