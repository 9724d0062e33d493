# expect: nan-empty-cluster
# an empty cluster's centroid is the mean of no points: NaN (with a RuntimeWarning) instead of staying put
import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    rng = np.random.default_rng(seed)
    C = X[rng.choice(X.shape[0], k, replace=False)].astype(np.float64)
    x2 = (X ** 2).sum(1)[:, None]
    labels = None
    for _ in range(n_iter):
        d = x2 - 2 * X @ C.T + (C ** 2).sum(1)[None, :]
        new_labels = d.argmin(1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        C = np.array([X[labels == j].mean(axis=0) for j in range(k)])
    d = x2 - 2 * X @ C.T + (C ** 2).sum(1)[None, :]
    return d.argmin(1), C
