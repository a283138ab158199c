#!/usr/bin/python3
"""The HTTP benchmark's peer: the same churn model behind FastAPI + uvicorn, the workshop's way.

Each worker trains the scikit-learn pipeline of bench/serving_peers.py (LogisticRegression, or
HistGradientBoostingClassifier with 100 trees of depth 6, learning rate 0.3, like the lab's GBDT)
on the same generated churn CSV at start-up, and validates requests with a pydantic model built
from the lab server's own /contract (same fields, categories as Literal, numbers with the same
plausible ranges), so both sides check the same things. Env: LAB_PEER_CSV, LAB_PEER_CONTRACT
(a saved /contract JSON), LAB_PEER_ALGO (lr | gbdt).
Run: /usr/bin/python3 -m uvicorn http_peer_app:app --app-dir bench --workers N --port P
"""
import json
import os
import sys
from typing import Literal, Optional

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(__file__))
import numpy as np  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from pydantic import BaseModel, Field, create_model  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from serving_peers import load, pipeline  # noqa: E402  (same data loading and feature steps)

X, y, num_idx, cat_idx = load(os.environ["LAB_PEER_CSV"])
with open(os.environ["LAB_PEER_CSV"], newline="") as f:
    header = f.readline().strip().split(",")
feature_names = [h for h in header if h not in ("customerID", "Churn")]
model = (LogisticRegression(C=1.0, max_iter=1000) if os.environ.get("LAB_PEER_ALGO", "lr") == "lr" else
         HistGradientBoostingClassifier(max_iter=100, max_depth=6, learning_rate=0.3, early_stopping=False))
pipe = pipeline(model, num_idx, cat_idx).fit(X, y)
numeric = set(feature_names[j] for j in num_idx)

with open(os.environ["LAB_PEER_CONTRACT"]) as f:
    contract = json.load(f)
fields = {}
for fc in contract["fields"]:
    if fc["type"] == "category":
        kind = Literal[tuple(fc["categories"])]
        fields[fc["name"]] = (kind, ...) if fc["required"] else (Optional[kind], None)
    else:
        spec = Field(... if fc["required"] else None, ge=fc["min"], le=fc["max"])
        fields[fc["name"]] = (float if fc["required"] else Optional[float], spec)
Features = create_model("Features", **fields)


class PredictRequest(BaseModel):
    features: Features


class PredictResponse(BaseModel):
    prediction: str
    probabilities: dict
    confidence: float


app = FastAPI(title="churn (scikit-learn peer)")


@app.get("/health")
def health():
    return {"status": "ok", "model_loaded": True}


@app.post("/predict", response_model=PredictResponse)
def predict(request: PredictRequest):
    f = request.features
    row = np.empty((1, len(feature_names)), dtype=object)
    for j, name in enumerate(feature_names):
        v = getattr(f, name)
        row[0, j] = (np.nan if v is None else float(v)) if name in numeric else v
    p1 = float(pipe.predict_proba(row)[0, 1])
    return {"prediction": "Yes" if p1 >= 0.5 else "No", "probabilities": {"No": 1 - p1, "Yes": p1},
            "confidence": max(p1, 1 - p1)}
