#!/usr/bin/python3
# Writes tests/reference/expected/metrics.json: scikit-learn 1.2.1's metric values (Debian
# python3-sklearn, run with /usr/bin/python3) for the inputs stored alongside them.
# The C++ tests (tests/core/eval/*_test.cpp) compute the same metrics on the same inputs.
# Run from the repository root: /usr/bin/python3 tests/reference/make_metric_references.py
import json
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.calibration import calibration_curve

warnings.simplefilter('ignore')
rng = np.random.RandomState(7)


def L(a):
    return [None if (isinstance(v, float) and np.isnan(v)) else v for v in np.asarray(a, dtype=float).tolist()]


def binary_case(y, p, threshold=0.5, n_bins=5):
    y = np.asarray(y, float)
    p = np.asarray(p, float)
    pred = (p >= threshold).astype(float)
    out = {'y': L(y), 'p': L(p), 'threshold': threshold, 'n_bins': n_bins,
           'accuracy': M.accuracy_score(y, pred),
           'precision': M.precision_score(y, pred, zero_division=0),
           'recall': M.recall_score(y, pred, zero_division=0),
           'f1': M.f1_score(y, pred, zero_division=0),
           'brier': M.brier_score_loss(y, p),
           'log_loss': M.log_loss(y, p, labels=[0, 1]),
           'confusion': M.confusion_matrix(y, pred, labels=[0, 1]).tolist()}
    both = len(set(y.tolist())) == 2
    out['roc_auc'] = M.roc_auc_score(y, p) if both else None  # sklearn raises; we return NaN
    out['average_precision'] = float(M.average_precision_score(y, p))
    for drop in [True, False]:
        fpr, tpr, thr = M.roc_curve(y, p, drop_intermediate=drop)
        out['roc_curve_drop' if drop else 'roc_curve_all'] = {'fpr': L(fpr), 'tpr': L(tpr), 'thresholds': L(thr)}
    prec, rec, thr = M.precision_recall_curve(y, p)
    out['pr_curve'] = {'precision': L(prec), 'recall': L(rec), 'thresholds': L(thr)}
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy='uniform')
    out['calibration'] = {'prob_true': L(prob_true), 'prob_pred': L(prob_pred)}
    return out


out = {'sklearn_version': sklearn.__version__, 'binary': [], 'regression': [], 'multiclass': []}

# A realistic case: 300 rows, scores rounded to 2 decimals so many ties occur.
y = (rng.rand(300) < 0.4).astype(float)
p = np.clip(np.round(0.4 * y + 0.6 * rng.rand(300), 2), 0, 1)
out['binary'].append(binary_case(y, p))
out['binary'].append(binary_case(y, p, threshold=0.3, n_bins=10))
# Small hand-checkable case, probabilities exactly on bin edges and the threshold.
out['binary'].append(binary_case([0, 0, 1, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.5, 0.5, 0.2, 0.0], n_bins=5))
# A confident mistake: log loss is clipped at machine epsilon, not infinite.
out['binary'].append(binary_case([1, 0, 1], [0.0, 1.0, 0.7]))
# Edge cases: nothing predicted positive (precision 0), only one class present.
out['binary'].append(binary_case([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]))
out['binary'].append(binary_case([1, 1, 1], [0.2, 0.9, 0.6]))

yt = rng.rand(50) * 10 + 1
yp = yt + rng.randn(50)
for a, b in [(yt, yp), ([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]), ([0.0, 1.0, 2.0], [0.5, 1.0, 2.5]),
             ([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]), ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])]:
    out['regression'].append({'y': L(a), 'p': L(b), 'rmse': float(np.sqrt(M.mean_squared_error(a, b))),
                              'mae': M.mean_absolute_error(a, b), 'r2': M.r2_score(a, b),
                              'mape': M.mean_absolute_percentage_error(a, b)})

# Multiclass: 3 classes, probability rows from a softmax of noisy scores.
n, k = 120, 3
ym = rng.randint(0, k, n).astype(float)
z = rng.randn(n, k) + 1.5 * np.eye(k)[ym.astype(int)]
P = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
P = np.round(P, 3)
P[:, 2] = 1 - P[:, 0] - P[:, 1]
cases = [(ym, P)]
# A class never predicted (macro averages include it through y_true; its precision is 0).
P2 = P.copy()
P2[:, 2] = 0.0
P2 = P2 / P2.sum(axis=1, keepdims=True)
cases.append((ym, P2))
# Ten classes, digits-like, with heavy ties: scores rounded to one decimal (many equal scores
# inside a class column and across positives/negatives) and saturated rows (exact 1 and 0), as a
# near-perfect model's probabilities are. OvR macro AUC must match with ties counted one half.
n10, k10 = 400, 10
y10 = rng.randint(0, k10, n10).astype(float)
z10 = 2.0 * rng.randn(n10, k10) + 4.0 * np.eye(k10)[y10.astype(int)]
P10 = np.exp(z10) / np.exp(z10).sum(axis=1, keepdims=True)
P10 = np.round(P10, 1)
P10[np.arange(0, n10, 7)] = np.eye(k10)[y10[::7].astype(int)]       # saturated, right class
P10[np.arange(3, n10, 11)] = np.eye(k10)[(y10[3::11].astype(int) + 1) % k10]  # saturated, wrong
P10[P10.sum(axis=1) == 0] = 1.0
ties10 = (y10, P10 / P10.sum(axis=1, keepdims=True))
for yy, PP in cases + [ties10]:
    k = PP.shape[1]
    PP = PP / PP.sum(axis=1, keepdims=True)  # exactly what roc_auc_score's sum-to-1 check accepts
    pred = PP.argmax(axis=1).astype(float)
    entry = {'y': L(yy), 'P': [L(r) for r in PP], 'accuracy': M.accuracy_score(yy, pred),
             'log_loss': M.log_loss(yy, PP, labels=list(range(k)))}
    for avg in ['macro', 'weighted']:
        entry['precision_' + avg] = M.precision_score(yy, pred, average=avg, zero_division=0)
        entry['recall_' + avg] = M.recall_score(yy, pred, average=avg, zero_division=0)
        entry['f1_' + avg] = M.f1_score(yy, pred, average=avg, zero_division=0)
    entry['roc_auc_ovr_macro'] = M.roc_auc_score(yy, PP, multi_class='ovr',
                                                 average='macro')
    entry['confusion'] = M.confusion_matrix(yy, pred, labels=list(range(k))).tolist()
    out['multiclass'].append(entry)

json.dump(out, open('tests/reference/expected/metrics.json', 'w'), indent=1)
print('wrote tests/reference/expected/metrics.json')
