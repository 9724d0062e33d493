import numpy as np


def kmeans(X: np.ndarray, k: int, n_iter: int = 100, seed: int = 42):
    """Lloyd's algorithm. Returns (labels (N,), centroids (k, d))."""
    N, d = X.shape
    # all randomness comes from `seed`: k distinct data points as the first centroids
    rng = np.random.default_rng(seed)
    C = X[rng.choice(N, size=k, replace=False)].astype(np.float64)   # (k, d)
    buf = np.empty((N, k))      # (N, k) the only N-sized work array: distances, then one-hot
    rows = np.arange(N)

    def assign(C):
        # ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²; ‖x‖² is the same for every c, so argmin skips it.
        # one (N, d) @ (d, k) matmul instead of an (N, k, d) broadcast
        np.matmul(X, C.T, out=buf)                                     # (N, k)  x·c
        np.multiply(buf, -2.0, out=buf)
        np.add(buf, (C * C).sum(axis=1), out=buf)                      # (N, k)  ‖c‖² − 2·x·c
        return buf.argmin(axis=1)                                      # (N,)

    labels = assign(C)
    for _ in range(n_iter):
        # update: each centroid moves to the mean of its points
        counts = np.bincount(labels, minlength=k)                      # (k,)
        buf.fill(0.0)
        buf[rows, labels] = 1.0                                        # (N, k) one-hot
        sums = buf.T @ X                                               # (k, d) one matmul sums every cluster
        with np.errstate(invalid="ignore", divide="ignore"):
            C = sums / counts[:, None]                                 # 0/0 for an empty cluster
        # assignment with the new centroids
        new_labels = assign(C)                                         # (N,)
        # no label moved: C is the mean of its points and labels are nearest — a fixed point
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    # labels always come from the returned centroids, even when n_iter runs out
    return labels, C
