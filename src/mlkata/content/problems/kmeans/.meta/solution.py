import numpy as np


def kmeans(X: np.ndarray, k: int, n_iter: int = 100, seed: int = 42):
    """Lloyd's algorithm. Returns (labels (N,), centroids (k, d))."""
    N, d = X.shape
    # all randomness comes from `seed`: k distinct data points as the first centroids
    rng = np.random.default_rng(seed)
    C = X[rng.choice(N, size=k, replace=False)].astype(np.float64)    # (k, d)
    # work arrays, allocated once. (k, N) rather than (N, k): each centroid's row is
    # contiguous, so every step below is a vector pass along N, never a call per point
    D = np.empty((k, N))                                               # (k, N) distances
    best = np.empty(N)                                                 # (N,) nearest distance
    hit = np.empty((k, N), dtype=bool)                                 # (k, N) row j reaches it
    rank = np.arange(k, 0, -1, dtype=np.min_scalar_type(k))[:, None]   # (k, 1) k, k-1, ..., 1
    score = np.empty((k, N), dtype=rank.dtype)                         # (k, N)

    def assign(C):
        # ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²; ‖x‖² is the same for every c, so argmin skips it.
        # one (k, d) @ (d, N) matmul instead of an (N, k, d) broadcast; the −2 scales the
        # k·d centroid entries, not the k·N products (exactly: it is a power of two)
        np.matmul(-2.0 * C, X.T, out=D)                                # (k, N)  −2·c·x
        np.add(D, (C * C).sum(axis=1)[:, None], out=D)                 # (k, N)  ‖c‖² − 2·c·x
        # D.argmin(axis=0) would make N calls over rows of only k values; the minimum over
        # the k rows is k fast vector passes instead ...
        np.min(D, axis=0, out=best)                                    # (N,)
        # ... and argmin's tie rule (the first row reaching it) is the largest k − j among hits
        np.equal(D, best, out=hit)                                     # (k, N)
        np.multiply(hit, rank, out=score)                              # (k, N) k − j on a hit, else 0
        return k - score.max(axis=0).astype(np.intp)                   # (N,) in [0, k)

    labels = assign(C)                                                 # (N,)
    # cluster sizes and coordinate sums; the first sums in one matmul with a one-hot matrix,
    # written into D (free until the next assignment)
    counts = np.bincount(labels, minlength=k)                          # (k,)
    D.fill(0.0)
    D[labels, np.arange(N)] = 1.0                                      # (k, N) one-hot
    sums = D @ X                                                       # (k, d)
    for _ in range(n_iter):
        # update: each centroid moves to the mean of its points
        full = counts > 0
        # an empty cluster keeps its centroid: a mean of nothing would be NaN
        C[full] = sums[full] / counts[full, None]
        # assignment with the new centroids
        new_labels = assign(C)                                         # (N,)
        moved = np.flatnonzero(new_labels != labels)                   # (m,) points that changed cluster
        # no label moved: C is the mean of its points and labels are nearest — a fixed point
        if moved.size == 0:
            break
        # only the movers change the sums: take each out of its old cluster, into its new one.
        # After the first steps m is tens of points out of N, so this costs m·d, not a full
        # N·k·d recount; the sums stay equal to a recount up to rounding (~1e-15 relative).
        # np.add.at, not sums[i] += ...: a cluster index repeated in i must add every row
        Xm = X[moved]                                                  # (m, d)
        np.subtract.at(sums, labels[moved], Xm)
        np.add.at(sums, new_labels[moved], Xm)
        counts = np.bincount(new_labels, minlength=k)                  # (k,)
        labels = new_labels
    # labels always come from the returned centroids, even when n_iter runs out
    return labels, C
