#!/usr/bin/python3
"""Turns the JSON lines written by bench/serving.sh into the serving results table (markdown)."""
import json, os, sys

LABEL = {"logistic_regression": "logistic regression", "hist_gbdt": "GBDT 100 trees depth 6",
         "sklearn_lr": "logistic regression", "sklearn_hgb": "HistGradientBoosting 100 iter depth 6"}
PEER = {"logistic_regression": "sklearn_lr", "hist_gbdt": "sklearn_hgb"}


def load(path):
    with open(path) as f:
        return {r["model"]: r for r in (json.loads(line) for line in f if line.startswith("{"))}


def rate(v):
    return "%s" % format(int(round(v)), ",") if v is not None else "-"


def main():
    out = sys.argv[1]
    nat, was, peers = (load(os.path.join(out, "serving_%s.jsonl" % k)) for k in ("native", "wasm", "peers"))
    rows = nat["logistic_regression"]["rows"]
    print("Churn data: %s generated rows (seed 7), 19 fields (3 numeric, 16 categorical), 80/20 split for training." % format(rows, ","))
    print("Latency: %d single requests per repetition, each timed alone. Ours goes through `Endpoint::predict`"
          " (contract validation + feature pipeline + model + request log); scikit-learn through"
          " `Pipeline.predict_proba` on a one-row array (its feature steps + model, no validation)."
          " Batch: ours is `score_batch` on the whole CSV text (parse + validate every row + score + result CSV)"
          " and raw `Predictor::predict_records` on all rows; scikit-learn is `predict_proba` on all rows.\n"
          % nat["logistic_regression"]["requests"])
    print("| model | implementation | p50 latency ms | p99 latency ms | batch CSV->CSV rows/s | predict rows/s | test AUC |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for ours in ("logistic_regression", "hist_gbdt"):
        for impl, r in (("ours, native", nat[ours]), ("ours, wasm (node)", was[ours])):
            print("| %s | %s | %.3f | %.3f | %s | %s | %.4f |" % (LABEL[ours], impl, r["p50_ms"], r["p99_ms"],
                  rate(r["batch_rows_per_s"]), rate(r["predict_rows_per_s"]), r["test_auc"]))
        p = peers[PEER[ours]]
        print("| %s | %s | %.3f | %.3f | - | %s | %.4f |" % (LABEL[PEER[ours]], p["side"], p["p50_ms"], p["p99_ms"],
              rate(p["predict_rows_per_s"]), p["test_auc"]))
    print()
    for ours in ("logistic_regression", "hist_gbdt"):
        n, w, p = nat[ours], was[ours], peers[PEER[ours]]
        print("- %s: p50 latency ours native %.1fx faster than scikit-learn (wasm %.1fx); wasm/native p50 %.2fx;"
              " whole-table predict ours native %.2fx scikit-learn's rows/s." % (LABEL[ours], p["p50_ms"] / n["p50_ms"],
              p["p50_ms"] / w["p50_ms"], w["p50_ms"] / n["p50_ms"], n["predict_rows_per_s"] / p["predict_rows_per_s"]))
    bad = [r for r in list(nat.values()) + list(was.values()) if r.get("rejected")]
    if bad:
        print("\nWARNING: some benchmark requests were rejected by the contract: %s" % bad)


if __name__ == "__main__":
    main()
