import numpy as np


def _assign(X, x_sq, C):
    """Index of the nearest centroid for every row of X, without an (N, K, d) array."""
    # ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²: one (N, d) @ (d, K) matmul instead of a broadcast
    d2 = x_sq[:, None] - 2.0 * (X @ C.T) + (C * C).sum(axis=1)[None, :]   # (N, K)
    return d2.argmax(axis=1)                                               # (N,)


def kmeans(X: np.ndarray, k: int, n_iter: int = 100, seed: int = 42):
    """Lloyd's algorithm. Returns (labels (N,), centroids (k, d))."""
    N, d = X.shape
    # all randomness comes from `seed`: k distinct data points as the first centroids
    rng = np.random.default_rng(seed)
    C = X[rng.choice(N, size=k, replace=False)].astype(np.float64)        # (k, d)
    x_sq = (X * X).sum(axis=1)                                             # (N,) reused every step
    labels = _assign(X, x_sq, C)                                           # (N,)
    for _ in range(n_iter):
        # update: each centroid moves to the mean of its points (one-hot matmul sums them)
        counts = np.bincount(labels, minlength=k)                          # (k,)
        onehot = np.zeros((N, k))
        onehot[np.arange(N), labels] = 1.0                                 # (N, k)
        sums = onehot.T @ X                                                # (k, d)
        full = counts > 0
        # an empty cluster keeps its centroid: a mean of nothing would be NaN
        C[full] = sums[full] / counts[full, None]
        # assignment with the new centroids
        new_labels = _assign(X, x_sq, C)                                   # (N,)
        # no label moved: C is the mean of its points and labels are nearest — a fixed point
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    # labels always come from the returned centroids, even when n_iter runs out
    return labels, C
