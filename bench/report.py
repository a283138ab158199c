#!/usr/bin/python3
"""Turns the JSON lines written by bench/learners.sh into the results table (markdown)."""
import json, os, sys

PEER = {"hist_gbdt": "xgboost_hist", "random_forest": "sklearn_rf", "logistic_regression": "sklearn_lr"}
LABEL = {"hist_gbdt": "GBDT 100 trees depth 6", "random_forest": "random forest", "logistic_regression": "logistic regression",
         "xgboost_hist": "xgboost hist, nthread=1", "sklearn_hgb": "sklearn HistGradientBoosting (no early stop)",
         "sklearn_rf": "sklearn RandomForest, n_jobs=1", "sklearn_lr": "sklearn LogisticRegression lbfgs"}
GROUPS = [("hist_gbdt", ["xgboost_hist", "sklearn_hgb"]), ("random_forest", ["sklearn_rf"]),
          ("logistic_regression", ["sklearn_lr"])]


def load(path):
    with open(path) as f:
        return {r["learner"]: r for r in (json.loads(line) for line in f if line.startswith("{"))}


def main():
    out, sizes = sys.argv[1], sys.argv[2:]
    checks = []
    for n in sizes:
        nat, was, peers = (load(os.path.join(out, "%s_%s.jsonl" % (k, n))) for k in ("native", "wasm", "peers"))
        train = nat["hist_gbdt"]["train_rows"]
        print("## %s rows x 20 features (%d train / %d test), synthetic binary\n" % (n, train, int(n) - train))
        print("| learner | implementation | fit s | predict s | test AUC | fit time vs peer | AUC - peer |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for ours, peer_names in GROUPS:
            peer = peers[PEER[ours]]
            trees = " (%d trees)" % nat[ours]["steps"] if ours == "random_forest" else ""
            for impl, r in (("ours, native", nat[ours]), ("ours, wasm (node)", was[ours])):
                ratio = r["fit_s"] / peer["fit_s"]
                extra = " (%.2fx native)" % (r["fit_s"] / nat[ours]["fit_s"]) if impl.startswith("ours, wasm") else ""
                print("| %s%s | %s | %.3f | %.4f | %.4f | %.2fx%s | %+.4f |" % (
                    LABEL[ours], trees, impl, r["fit_s"], r["predict_s"], r["auc"], ratio, extra, r["auc"] - peer["auc"]))
            for p in peer_names:
                r = peers[p]
                print("| %s | %s%s | %.3f | %.4f | %.4f | %s | |" % (LABEL[ours], LABEL[p], trees if p == "sklearn_rf" else "",
                                                                   r["fit_s"], r["predict_s"], r["auc"],
                                                                   "peer" if p == PEER[ours] else ""))
        print()
        g, x = nat["hist_gbdt"], peers["xgboost_hist"]
        checks += [
            (n, "GBDT native fit <= 1.0x xgboost", g["fit_s"] / x["fit_s"] <= 1.0, "%.2fx" % (g["fit_s"] / x["fit_s"])),
            (n, "GBDT AUC >= xgboost - 0.003", g["auc"] >= x["auc"] - 0.003, "%+.4f" % (g["auc"] - x["auc"])),
            (n, "GBDT wasm <= 1.3x native", was["hist_gbdt"]["fit_s"] / g["fit_s"] <= 1.3,
             "%.2fx" % (was["hist_gbdt"]["fit_s"] / g["fit_s"])),
            (n, "RF native fit <= 0.5x sklearn at equal AUC",
             nat["random_forest"]["fit_s"] / peers["sklearn_rf"]["fit_s"] <= 0.5,
             "%.3fx, AUC %+.4f" % (nat["random_forest"]["fit_s"] / peers["sklearn_rf"]["fit_s"],
                                   nat["random_forest"]["auc"] - peers["sklearn_rf"]["auc"])),
            (n, "LR native fit <= 1.0x sklearn lbfgs",
             nat["logistic_regression"]["fit_s"] / peers["sklearn_lr"]["fit_s"] <= 1.0,
             "%.2fx" % (nat["logistic_regression"]["fit_s"] / peers["sklearn_lr"]["fit_s"])),
        ]
    print("## Targets (issue 3)\n")
    print("| rows | target | met | value |")
    print("|---|---|---|---|")
    for n, what, ok, val in checks:
        print("| %s | %s | %s | %s |" % (n, what, "yes" if ok else "**no**", val))
    print("\nTimes are wall-clock seconds, best of the repetitions (forests: one fit per side).")


if __name__ == "__main__":
    main()
