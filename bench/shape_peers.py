#!/usr/bin/python3
"""Times the peers of bench/shapes.sh on a LABBENCH file, one thread each, and prints one JSON
object per model with the metrics lab_bench prints (multi-class: one-vs-rest macro AUC).
  sklearn_lr: LogisticRegression(lbfgs, C=1, max_iter=1000); sklearn_svc_rbf / sklearn_svc_linear:
  SVC(C=1, gamma="scale", probability=True, random_state=0) (one-vs-one + Platt, as ours);
  sklearn_svc_rbf_fit / sklearn_svc_linear_fit: the same without probability=True (no internal
  5-fold Platt CV: the fit time of the machines alone; accuracy only);
  sklearn_linearsvc: LinearSVC(loss="hinge", C=1, tol=1e-3, max_iter=1000) (liblinear's dual
  coordinate descent, the algorithm of our kernel="linear"; decisions only: accuracy);
  xgboost_softprob: XGBClassifier(100 trees, depth 6, lr 0.3, hist, nthread=1).
Usage: /usr/bin/python3 bench/shape_peers.py data.bin model[,model...] reps
"""
import json, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_data import read
from threadpoolctl import threadpool_limits
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC, LinearSVC
from sklearn import metrics as M
import xgboost


def make(name):
    if name == "sklearn_lr":
        return LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000)
    if name == "sklearn_svc_rbf":
        return SVC(kernel="rbf", C=1.0, gamma="scale", probability=True, random_state=0)
    if name == "sklearn_svc_linear":
        return SVC(kernel="linear", C=1.0, probability=True, random_state=0)
    if name == "sklearn_svc_rbf_fit":
        return SVC(kernel="rbf", C=1.0, gamma="scale")
    if name == "sklearn_svc_linear_fit":
        return SVC(kernel="linear", C=1.0)
    if name == "sklearn_linearsvc":
        return LinearSVC(loss="hinge", C=1.0, tol=1e-3, max_iter=1000, random_state=0)
    if name == "xgboost_softprob":
        return xgboost.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.3, tree_method="hist", n_jobs=1)
    raise SystemExit("unknown peer " + name)


def main():
    path, names, reps = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
    Xtr, ytr, Xte, yte = read(path)
    ytr, yte = ytr.astype(int), yte.astype(int)
    k = int(ytr.max()) + 1
    with threadpool_limits(limits=1):
        for name in names:
            fit_best = fit_cpu_best = predict_best = float("inf")
            for _ in range(reps):
                m = make(name)
                t0, c0 = time.perf_counter(), time.process_time()
                m.fit(Xtr, ytr)
                fit_best = min(fit_best, time.perf_counter() - t0)
                fit_cpu_best = min(fit_cpu_best, time.process_time() - c0)
                t0 = time.perf_counter()
                P = m.predict_proba(Xte) if hasattr(m, "predict_proba") else None
                if P is None:
                    pred = m.predict(Xte)
                predict_best = min(predict_best, time.perf_counter() - t0)
            if P is None:  # decisions only: accuracy, no probabilities to score
                print(json.dumps({"learner": name, "fit_s": fit_best, "fit_cpu_s": fit_cpu_best, "predict_s": predict_best,
                                  "auc": None, "accuracy": M.accuracy_score(yte, pred), "log_loss": None, "reps": reps,
                                  "train_rows": len(ytr)}), flush=True)
                continue
            if k > 2:
                auc = M.roc_auc_score(yte, P, multi_class="ovr", average="macro")
            else:
                auc = M.roc_auc_score(yte, P[:, 1])
            print(json.dumps({"learner": name, "fit_s": fit_best, "fit_cpu_s": fit_cpu_best, "predict_s": predict_best,
                              "auc": auc, "accuracy": M.accuracy_score(yte, P.argmax(axis=1)),
                              "log_loss": M.log_loss(yte, P, labels=list(range(k))), "reps": reps,
                              "train_rows": len(ytr)}), flush=True)


if __name__ == "__main__":
    main()
