#!/usr/bin/python3
# Writes tests/reference/expected/multiclass_learners.json: XGBoost 1.7.4 (multi:softprob) and
# scikit-learn 1.2.1 SVC (one-vs-one, Platt-scaled probabilities coupled pairwise) accuracy, log
# loss and one-vs-rest macro ROC AUC on wine and digits, with the same split and scaling the C++
# tests use (tests/support/reference_data.hpp: row i is a test row when i % 4 == 0; features
# standardised with the training rows' mean and population sd, sd 0 -> 1).
# Run from the repository root: /usr/bin/python3 tests/reference/multiclass_learners_reference.py
import json

import numpy as np
import xgboost
import sklearn
from sklearn import metrics as M
from sklearn.svm import SVC


def load(name):
    d = np.loadtxt('tests/reference/data/' + name, delimiter=',', skiprows=1)
    X, y = d[:, :-1], d[:, -1]
    test = np.arange(len(y)) % 4 == 0
    Xtr, Xte = X[~test], X[test]
    mean, sd = Xtr.mean(axis=0), Xtr.std(axis=0)
    sd[sd == 0] = 1
    return (Xtr - mean) / sd, y[~test], (Xte - mean) / sd, y[test]


def scores(y, P):
    k = P.shape[1]
    return {'accuracy': M.accuracy_score(y, P.argmax(axis=1)),
            'log_loss': M.log_loss(y, P, labels=list(range(k))),
            'roc_auc_ovr': M.roc_auc_score(y, P, multi_class='ovr', average='macro')}


out = {'versions': {'xgboost': xgboost.__version__, 'sklearn': sklearn.__version__}, 'hist_gbdt': [], 'svm': []}
gbdt_settings = [  # (data, n_estimators, max_depth, learning_rate)
    ('wine_data.csv', 100, 6, 0.3),
    ('digits.csv', 30, 4, 0.3),
]
for name, n_est, depth, lr in gbdt_settings:
    Xtr, ytr, Xte, yte = load(name)
    m = xgboost.XGBClassifier(objective='multi:softprob', n_estimators=n_est, max_depth=depth, learning_rate=lr,
                              reg_lambda=1, min_child_weight=1, tree_method='hist', max_bin=256, n_jobs=1)
    P = m.fit(Xtr, ytr.astype(int)).predict_proba(Xte)
    out['hist_gbdt'].append({'data': name, 'params': {'n_estimators': n_est, 'max_depth': depth, 'learning_rate': lr},
                             **scores(yte, P)})

svm_settings = [  # (data, kernel, C)
    ('wine_data.csv', 'rbf', 1.0),
    ('wine_data.csv', 'linear', 0.1),
    ('digits.csv', 'rbf', 1.0),
]
for name, kernel, C in svm_settings:
    Xtr, ytr, Xte, yte = load(name)
    seeds = []
    for seed in range(5):  # Platt's internal 5-fold CV is random: the spread over seeds is the noise
        m = SVC(kernel=kernel, C=C, gamma='scale', probability=True, random_state=seed).fit(Xtr, ytr.astype(int))
        seeds.append(scores(yte, m.predict_proba(Xte)))
    hard = SVC(kernel=kernel, C=C, gamma='scale').fit(Xtr, ytr.astype(int))
    entry = {'data': name, 'params': {'kernel': kernel, 'C': C},
             'decision_accuracy': float(np.mean(hard.predict(Xte) == yte)),
             'n_support': int(hard.n_support_.sum()),
             # a row is a support vector of each pair it takes part in: the count over all pairs
             'n_support_pairs': int(np.count_nonzero(hard.dual_coef_))}
    for key in seeds[0]:
        v = [s[key] for s in seeds]
        entry[key] = float(np.mean(v))
        entry[key + '_spread'] = float(np.max(v) - np.min(v))
    out['svm'].append(entry)

# Pairwise coupling alone: libsvm's pairwise probabilities r_ij = sigmoid(A f_ij + B) of a fitted
# SVC on wine, and the class probabilities libsvm couples them into (predict_proba).
Xtr, ytr, Xte, yte = load('wine_data.csv')
m = SVC(kernel='rbf', C=1.0, gamma='scale', probability=True, random_state=0,
        decision_function_shape='ovo').fit(Xtr, ytr.astype(int))
F = m.decision_function(Xte[:12])
k = 3
rows = []
for f, p in zip(F, m.predict_proba(Xte[:12])):
    r = np.zeros((k, k))
    t = 0
    for i in range(k):
        for j in range(i + 1, k):
            fl = f[t]  # > 0 votes for class i, as libsvm's own decision value
            a, b = m.probA_[t], m.probB_[t]
            fab = fl * a + b
            v = np.exp(-fab) / (1 + np.exp(-fab)) if fab >= 0 else 1 / (1 + np.exp(fab))
            v = min(max(v, 1e-7), 1 - 1e-7)
            r[i, j], r[j, i] = v, 1 - v
            t += 1
    rows.append({'r': r.ravel().tolist(), 'p': p.tolist()})
out['coupling'] = rows

json.dump(out, open('tests/reference/expected/multiclass_learners.json', 'w'), indent=1)
print(json.dumps({k: v for k, v in out.items() if k != 'coupling'}, indent=1))
