#!/usr/bin/python3
# Writes tests/reference/expected/learners.json: what scikit-learn 1.2.1 (Debian python3-sklearn,
# run with /usr/bin/python3) fits and predicts on the CSVs in tests/reference/data/.
# The C++ tests (tests/core/models/*_test.cpp) load the same CSVs, split and standardise them the
# same way (tests/support/reference_data.hpp) and compare.
#   Split: row i is a test row when i % 4 == 0, else a training row.
#   Standardise: training mean and population standard deviation (ddof=0), applied to both parts.
# Run from the repository root: /usr/bin/python3 tests/reference/make_learner_references.py
import json
import warnings
import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.svm import SVC

HERE = 'tests/reference/'


def load(name):
    rows = open(HERE + 'data/' + name).read().strip().split('\n')[1:]  # first line is a header
    a = np.array([[float(v) for v in r.split(',')] for r in rows])
    return a[:, :-1], a[:, -1]


def split_std(X, y):
    test = np.arange(len(y)) % 4 == 0
    Xtr, Xte = X[~test], X[test]
    mu, sd = Xtr.mean(axis=0), Xtr.std(axis=0)
    return (Xtr - mu) / sd, y[~test], (Xte - mu) / sd, y[test]


def L(a):
    return np.asarray(a, dtype=float).tolist()


out = {'sklearn_version': sklearn.__version__}
data = {n: split_std(*load(n + '.csv')) for n in ['breast_cancer', 'iris', 'wine_data', 'diabetes']}

# Ridge / OLS on diabetes (regression).
Xtr, ytr, Xte, yte = data['diabetes']
out['ridge'] = []
for alpha in [0.0, 1.0, 10.0, 1000.0]:
    m = LinearRegression() if alpha == 0 else Ridge(alpha=alpha, solver='cholesky')
    m.fit(Xtr, ytr)
    out['ridge'].append({'dataset': 'diabetes', 'alpha': alpha, 'coef': L(m.coef_),
                         'intercept': float(m.intercept_), 'test_pred': L(m.predict(Xte))})

# Logistic regression, lbfgs run to a tight tolerance so it sits on the optimum.
out['logistic'] = []
for ds, C in [('breast_cancer', 1.0), ('breast_cancer', 0.05), ('iris', 1.0), ('wine_data', 0.5)]:
    Xtr, ytr, Xte, yte = data[ds]
    m = LogisticRegression(C=C, solver='lbfgs', tol=1e-12, max_iter=100000).fit(Xtr, ytr)
    # scipy's L-BFGS-B also stops on a relative function decrease (ftol), so sklearn's lbfgs ends
    # ~1e-5 from the optimum; newton-cg run to a tiny tolerance gives the optimum itself.
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        e = LogisticRegression(C=C, solver='newton-cg', tol=1e-12, max_iter=300).fit(Xtr, ytr)
    out['logistic'].append({'dataset': ds, 'C': C, 'coef': L(m.coef_), 'intercept': L(m.intercept_),
                            'n_iter': int(m.n_iter_[0]), 'exact_coef': L(e.coef_),
                            'exact_intercept': L(e.intercept_), 'exact_test_proba': L(e.predict_proba(Xte))})

# SVC: decision function on the test rows. shrinking=False so libsvm's iteration path is the
# plain second-order SMO ours follows (max_iter counts the same iterations).
out['svc'] = []
for kernel, C, gamma, tol, max_iter in [('linear', 1.0, 'scale', 1e-5, -1), ('rbf', 1.0, 'scale', 1e-5, -1),
                                         ('rbf', 10.0, 0.01, 1e-5, -1), ('rbf', 1.0, 'scale', 1e-3, 20),
                                         ('linear', 1.0, 'scale', 1e-3, 5)]:
    Xtr, ytr, Xte, yte = data['breast_cancer']
    m = SVC(kernel=kernel, C=C, gamma=gamma, tol=tol, max_iter=max_iter, shrinking=False).fit(Xtr, ytr)
    out['svc'].append({'dataset': 'breast_cancer', 'kernel': kernel, 'C': C,
                       'gamma': gamma if gamma != 'scale' else 0.0, 'gamma_used': float(m._gamma),
                       'tol': tol, 'max_iter': max_iter,
                       'test_decision': L(m.decision_function(Xte)), 'test_accuracy': float(m.score(Xte, yte)),
                       'n_support': int(m.n_support_.sum()), 'intercept': float(m.intercept_[0])})

# k-nearest neighbours (brute force so ties are resolved like a plain sort would).
out['knn'] = []
for ds, task in [('iris', 'classification'), ('breast_cancer', 'classification'), ('wine_data', 'classification'),
                 ('diabetes', 'regression')]:
    Xtr, ytr, Xte, yte = data[ds]
    for k, w in [(5, 'uniform'), (7, 'distance'), (1, 'uniform')]:
        if task == 'classification':
            m = KNeighborsClassifier(n_neighbors=k, weights=w, algorithm='brute').fit(Xtr, ytr)
            pred = m.predict_proba(Xte)
        else:
            m = KNeighborsRegressor(n_neighbors=k, weights=w, algorithm='brute').fit(Xtr, ytr)
            pred = m.predict(Xte)
        out['knn'].append({'dataset': ds, 'task': task, 'n_neighbors': k, 'weights': w, 'test_pred': L(pred)})

# Gaussian naive Bayes.
out['gnb'] = []
for ds, vs in [('iris', 1e-9), ('breast_cancer', 1e-9), ('wine_data', 1e-9), ('breast_cancer', 0.1)]:
    Xtr, ytr, Xte, yte = data[ds]
    m = GaussianNB(var_smoothing=vs).fit(Xtr, ytr)
    out['gnb'].append({'dataset': ds, 'var_smoothing': vs, 'test_proba': L(m.predict_proba(Xte)),
                       'theta': L(m.theta_), 'var': L(m.var_)})

json.dump(out, open(HERE + 'expected/learners.json', 'w'), indent=1)
print('wrote', HERE + 'expected/learners.json')
