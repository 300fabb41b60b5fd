"""scikit-learn's numbers for Clusterbench's quality and validation scores (issue 13 cross-check).

Run by `npm run bench:quality` (bench/quality-crosscheck.ts), which then compares the engine's values
with these. Writes
  tests/fixtures/quality/<name>.csv   the datasets, as loaded by sklearn.datasets (features + class)
  docs/measurements/quality-sklearn.json   labelings and sklearn's scores for them
so that tests/unit/metrics-sklearn.test.ts can check the engine without python.
Labelings per dataset: the known classes, and sklearn KMeans(k = number of classes, n_init=10,
random_state=0) on the raw features.
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist
from sklearn import datasets, metrics
from sklearn.cluster import KMeans

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "quality")
OUT = os.path.join(ROOT, "docs", "measurements", "quality-sklearn.json")

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
}


def safe_name(name):
    return "".join(c if c.isalnum() else "_" for c in name).strip("_")


def write_csv(path, X, names, classes):
    with open(path, "w") as f:
        f.write(",".join(names + ["class"]) + "\n")
        for row, c in zip(X, classes):
            f.write(",".join(repr(float(v)) for v in row) + "," + c + "\n")


def internal(X, labels):
    exact = cdist(X, X)  # direct differences: no ||x||² − 2x·y + ||y||² rounding
    samples = metrics.silhouette_samples(exact, labels, metric="precomputed")
    return {
        "silhouette": float(metrics.silhouette_score(X, labels)),
        "silhouette_exact_distances": float(np.mean(samples)),
        "silhouette_per_cluster": {str(int(c)): float(np.mean(samples[labels == c])) for c in np.unique(labels)},
        "davies_bouldin": float(metrics.davies_bouldin_score(X, labels)),
        "calinski_harabasz": float(metrics.calinski_harabasz_score(X, labels)),
    }


def external(truth, pred):
    h, c, v = metrics.homogeneity_completeness_v_measure(truth, pred)
    table = metrics.cluster.contingency_matrix(truth, pred)
    return {
        "ari": float(metrics.adjusted_rand_score(truth, pred)),
        "nmi": float(metrics.normalized_mutual_info_score(truth, pred)),
        "mi": float(metrics.mutual_info_score(truth, pred)),
        "homogeneity": float(h),
        "completeness": float(c),
        "v_measure": float(v),
        "purity": float(table.max(axis=0).sum() / table.sum()),
    }


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    result = {
        "generator": "scripts/sklearn_quality.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": sys.version.split()[0],
        "datasets": [],
    }
    for name, load in LOADERS.items():
        bunch = load()
        X = np.asarray(bunch.data, dtype=np.float64)
        y = np.asarray(bunch.target)
        names = [safe_name(n) for n in bunch.feature_names]
        class_names = [str(bunch.target_names[t]) for t in y]
        file = os.path.join(FIXTURES, f"{name}.csv")
        write_csv(file, X, names, class_names)
        k = len(np.unique(y))
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).labels_
        result["datasets"].append({
            "name": name,
            "file": os.path.relpath(file, ROOT),
            "n": int(X.shape[0]),
            "d": int(X.shape[1]),
            "k": k,
            "labelings": {"classes": [int(t) for t in y], "kmeans": [int(t) for t in km]},
            "internal": {"classes": internal(X, y), "kmeans": internal(X, km)},
            "external": external(y, km),
        })
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} and {len(LOADERS)} fixtures", file=sys.stderr)


if __name__ == "__main__":
    main()
