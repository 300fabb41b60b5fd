"""numpy's numbers for Clusterbench's cluster profiles (issue 13.4 cross-check).

Reads tests/fixtures/quality/{iris,wine}.csv (features + a `class` column), takes the classes as the
labeling (class names sorted, code = rank), and writes per cluster and for the whole data, per
feature: count, mean, sample sd (ddof=1, as pandas' describe), min, quartiles by numpy's default
linear method (R type 7), max, to tests/fixtures/profiles/numpy-profiles.json, which
tests/unit/metrics-profiles.test.ts compares with the engine (1e-12 relative) without python.
Run: /usr/bin/python3 scripts/numpy_profiles.py
"""
import csv
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tests", "fixtures", "quality")
OUT = os.path.join(ROOT, "tests", "fixtures", "profiles", "numpy-profiles.json")


def stats(x):
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    return {
        "count": int(len(x)),
        "mean": float(np.mean(x)),
        "sd": float(np.std(x, ddof=1)) if len(x) > 1 else None,
        "min": float(np.min(x)),
        "q1": float(q1),
        "median": float(med),
        "q3": float(q3),
        "max": float(np.max(x)),
    }


def profile(name):
    with open(os.path.join(SRC, name + ".csv")) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    features = header[:-1]
    X = np.array([[float(v) for v in r[:-1]] for r in body])
    names = sorted(set(r[-1] for r in body))
    labels = np.array([names.index(r[-1]) for r in body])
    return {
        "file": "tests/fixtures/quality/" + name + ".csv",
        "features": features,
        "labels": labels.tolist(),
        "whole": [stats(X[:, j]) for j in range(X.shape[1])],
        "clusters": [[stats(X[labels == c, j]) for j in range(X.shape[1])] for c in range(len(names))],
    }


out = {"numpy": np.__version__, "datasets": {n: profile(n) for n in ["iris", "wine"]}}
with open(OUT, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", OUT)
