#!/usr/bin/python3
# Writes tests/reference/expected/svm_linear.json: scikit-learn 1.2.1's LinearSVC(loss="hinge")
# (liblinear's dual coordinate descent, the algorithm our kernel="linear" SVM uses) and
# SVC(kernel="linear") (libsvm, the exact hinge-loss SVM with an unregularised bias) on the split
# and scaling the C++ tests use (row i is a test row when i % 4 == 0; training mean / population
# sd). Compared by tests/core/linear/svm_linear_test.cpp.
# Run from the repository root: /usr/bin/python3 tests/reference/svm_linear_reference.py
import json
import warnings

import numpy as np
import sklearn
from sklearn.svm import SVC, LinearSVC


def load(name):
    d = np.loadtxt('tests/reference/data/' + name, delimiter=',', skiprows=1)
    X, y = d[:, :-1], d[:, -1]
    test = np.arange(len(y)) % 4 == 0
    Xtr, Xte = X[~test], X[test]
    mean, sd = Xtr.mean(axis=0), Xtr.std(axis=0)
    sd[sd == 0] = 1
    return (Xtr - mean) / sd, y[~test], (Xte - mean) / sd, y[test]


def L(a):
    return np.asarray(a, dtype=float).tolist()


out = {'sklearn': sklearn.__version__, 'binary': [], 'multiclass': []}
Xtr, ytr, Xte, yte = load('breast_cancer.csv')
for C in [0.1, 1.0, 10.0]:
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        lin = LinearSVC(loss='hinge', C=C, tol=1e-6, max_iter=1000000, random_state=0).fit(Xtr, ytr)
    svc = SVC(kernel='linear', C=C, tol=1e-6).fit(Xtr, ytr)
    out['binary'].append({'dataset': 'breast_cancer.csv', 'C': C,
                          'linearsvc_coef': L(lin.coef_[0]), 'linearsvc_intercept': float(lin.intercept_[0]),
                          'linearsvc_test_decision': L(lin.decision_function(Xte)),
                          'linearsvc_test_accuracy': float(lin.score(Xte, yte)),
                          'svc_test_decision': L(svc.decision_function(Xte)),
                          'svc_test_accuracy': float(svc.score(Xte, yte))})
# One-vs-one, as ours: SVC(kernel="linear") is the one-vs-one peer (LinearSVC is one-vs-rest).
for name in ['wine_data.csv', 'iris.csv']:
    Xtr, ytr, Xte, yte = load(name)
    svc = SVC(kernel='linear', C=1.0).fit(Xtr, ytr)
    out['multiclass'].append({'dataset': name, 'n_classes': int(ytr.max()) + 1, 'C': 1.0,
                              'svc_test_pred': L(svc.predict(Xte)),
                              'svc_test_accuracy': float(svc.score(Xte, yte))})
json.dump(out, open('tests/reference/expected/svm_linear.json', 'w'), indent=1)
for b in out['binary']:
    print(b['C'], b['linearsvc_test_accuracy'], b['svc_test_accuracy'])
for m in out['multiclass']:
    print(m['dataset'], m['svc_test_accuracy'])
