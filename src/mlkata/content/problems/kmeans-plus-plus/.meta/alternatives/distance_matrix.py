import numpy as np


def kmeans_pp_init(X, k, rng):
    # all pairwise squared distances up front (fine for small N)
    sq = (X ** 2).sum(1)
    D2 = np.maximum(sq[:, None] - 2 * X @ X.T + sq[None, :], 0.0)
    idx = [rng.choice(len(X))]
    for _ in range(k - 1):
        w = D2[:, idx].min(axis=1)
        w[idx] = 0.0
        idx.append(rng.choice(len(X), p=w / w.sum()))
    return X[idx]
