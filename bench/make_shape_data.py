#!/usr/bin/python3
"""Writes the data of bench/shapes.sh (multi-class and wide shapes) as LABBENCH files.

- digits.bin, wine.bin: scikit-learn's bundled digits (1797 x 64, 10 classes) and wine (178 x 13,
  3 classes); row i is a test row when i % 4 == 0; features standardised with the training rows'
  mean and population sd (sd 0 -> 1), as tests/reference/multiclass_learners_reference.py does.
- wide_10x10000.bin (+ .csv for the CLI): 10 rows x 10,000 standard-normal columns
  (numpy seed 0), labels 0,1,0,1,...; issue 16's wide-data case. Test rows = the training rows.
- tall_20000.bin: make_classification(25,000 rows, 20 features, 10 informative, 5 redundant,
  3% labels flipped, random_state 0), every fifth row a test row (20,000 train / 5,000 test),
  standardised; issue 16's linear SVM case (bench/svm_linear.sh).
Usage: /usr/bin/python3 bench/make_shape_data.py OUT_DIR
"""
import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_data import write

SK = '/usr/lib/python3/dist-packages/sklearn/datasets/data/'


def split(X, y):
    test = np.arange(len(y)) % 4 == 0
    Xtr, Xte = X[~test], X[test]
    mean, sd = Xtr.mean(axis=0), Xtr.std(axis=0)
    sd[sd == 0] = 1
    return (Xtr - mean) / sd, y[~test], (Xte - mean) / sd, y[test]


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
d = np.loadtxt(gzip.open(SK + 'digits.csv.gz'), delimiter=',')
write(os.path.join(out, 'digits.bin'), *split(d[:, :-1], d[:, -1]))
w = np.loadtxt(SK + 'wine_data.csv', delimiter=',', skiprows=1)
write(os.path.join(out, 'wine.bin'), *split(w[:, :-1], w[:, -1]))
rng = np.random.RandomState(0)
X = rng.randn(10, 10000)
y = (np.arange(10) % 2).astype(float)
write(os.path.join(out, 'wide_10x10000.bin'), X, y, X, y)
from sklearn.datasets import make_classification
Xt, yt = make_classification(n_samples=25000, n_features=20, n_informative=10, n_redundant=5, flip_y=0.03,
                             random_state=0)
test = np.arange(len(yt)) % 5 == 0
mean, sd = Xt[~test].mean(axis=0), Xt[~test].std(axis=0)
write(os.path.join(out, 'tall_20000.bin'), (Xt[~test] - mean) / sd, yt[~test].astype(float), (Xt[test] - mean) / sd,
      yt[test].astype(float))
with open(os.path.join(out, 'wide_10x10000.csv'), 'w') as f:
    f.write(','.join('x%d' % j for j in range(X.shape[1])) + ',label\n')
    for row, label in zip(X, y):
        f.write(','.join('%.6f' % v for v in row) + ',%d\n' % label)
