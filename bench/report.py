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
        print("| learner | implementation | fit s (wall) | fit s (CPU) | predict s | test AUC | fit vs peer (wall / CPU) | AUC - peer |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for ours, peer_names in GROUPS:
            peer = peers[PEER[ours]]
            trees = " (%d trees)" % nat[ours]["steps"] if ours == "random_forest" else ""
            for impl, r in (("ours, native", nat[ours]), ("ours, wasm (node)", was[ours])):
                wasm = impl.startswith("ours, wasm")
                cpu = "%.3f" % r["fit_cpu_s"]
                ratio = "%.2fx / %.2fx" % (r["fit_s"] / peer["fit_s"], r["fit_cpu_s"] / peer["fit_cpu_s"])
                if wasm:
                    ratio += " (%.2fx / %.2fx native)" % (r["fit_s"] / nat[ours]["fit_s"], r["fit_cpu_s"] / nat[ours]["fit_cpu_s"])
                print("| %s%s | %s | %.3f | %s | %.4f | %.4f | %s | %+.4f |" % (
                    LABEL[ours], trees, impl, r["fit_s"], cpu, r["predict_s"], r["auc"], ratio, r["auc"] - peer["auc"]))
            for p in peer_names:
                r = peers[p]
                print("| %s | %s%s | %.3f | %.3f | %.4f | %.4f | %s | |" % (
                    LABEL[ours], LABEL[p], trees if p == "sklearn_rf" else "", r["fit_s"], r["fit_cpu_s"], r["predict_s"],
                    r["auc"], "peer" if p == PEER[ours] else ""))
        print()
        g, x = nat["hist_gbdt"], peers["xgboost_hist"]
        rf, srf = nat["random_forest"], peers["sklearn_rf"]
        lr, slr = nat["logistic_regression"], peers["sklearn_lr"]
        both = lambda a, b: (a["fit_s"] / b["fit_s"], a["fit_cpu_s"] / b["fit_cpu_s"])
        checks += [
            (n, "GBDT native fit <= 1.0x xgboost", both(g, x), 1.0, ""),
            (n, "GBDT AUC >= xgboost - 0.003", None, g["auc"] >= x["auc"] - 0.003, "%+.4f" % (g["auc"] - x["auc"])),
            (n, "GBDT wasm <= 1.3x native", both(was["hist_gbdt"], g), 1.3, ""),
            (n, "RF native fit <= 0.5x sklearn at equal AUC", both(rf, srf), 0.5, ", AUC %+.4f" % (rf["auc"] - srf["auc"])),
            (n, "LR native fit <= 1.0x sklearn lbfgs", both(lr, slr), 1.0, ""),
        ]
    print("## Targets (issue 3)\n")
    print("| rows | target | met (wall / CPU) | value |")
    print("|---|---|---|---|")
    yn = lambda ok: "yes" if ok else "**no**"
    for n, what, ratios, limit, note in checks:
        if ratios is None:  # limit holds the verdict, note the value
            print("| %s | %s | %s | %s |" % (n, what, yn(limit), note))
        else:
            print("| %s | %s | %s / %s | %.2fx / %.2fx%s |" % (n, what, yn(ratios[0] <= limit), yn(ratios[1] <= limit),
                                                             ratios[0], ratios[1], note))
    print("\nBest of the repetitions (forests: one fit per side). Wall = elapsed seconds; CPU = process CPU seconds "
          "(Python: all threads of the process; wasm: Node's process.cpuUsage(), which includes V8's compiler and GC threads). The machine is shared with other jobs, so wall times swing with its "
          "load; CPU time is the steadier comparison for single-threaded work.")


if __name__ == "__main__":
    main()
