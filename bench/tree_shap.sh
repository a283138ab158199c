#!/bin/bash
# TreeSHAP per row: the lab's (native; wasm when build/web has it) beside xgboost's
# pred_contribs=True (Debian python3-xgboost, nthread=1) on a model of the same size:
# 100 trees, depth 6, 20 features, 20,000 training rows of the same kind of data.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build/native --target lab_tree_shap_bench >/dev/null
build/native/bench/lab_tree_shap_bench
if [ -f build/web/bench/lab_tree_shap_bench.js ]; then node --no-experimental-fetch build/web/bench/lab_tree_shap_bench.js | sed 's/"lab"/"lab-wasm"/'; fi
/usr/bin/python3 - <<'PY'
import json, time
import numpy as np, xgboost as xgb
rng = np.random.default_rng(7)
n, d = 20000, 20
X = rng.normal(size=(n, d))
w = np.array([(j % 5 + 1) * (1 if j % 2 else -1) for j in range(d)], float)
y = (X @ w + 2 * rng.normal(size=n) > 0).astype(float)
m = xgb.train({"max_depth": 6, "eta": 0.3, "tree_method": "hist", "objective": "binary:logistic", "nthread": 1},
              xgb.DMatrix(X, y), num_boost_round=100)
one = xgb.DMatrix(X[:1]); rows = xgb.DMatrix(X[:1000])
m.predict(one, pred_contribs=True)
t0 = time.perf_counter()
for _ in range(200): m.predict(one, pred_contribs=True)
t1 = time.perf_counter(); m.predict(rows, pred_contribs=True); t2 = time.perf_counter()
print(json.dumps({"impl": "xgboost " + xgb.__version__, "one_row_ms": round((t1 - t0) / 200 * 1e3, 4),
                  "rows_1000_ms": round((t2 - t1) * 1e3, 2), "per_row_ms": round((t2 - t1), 4)}))
PY
