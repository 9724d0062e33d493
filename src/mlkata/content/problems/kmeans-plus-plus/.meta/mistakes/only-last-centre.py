import numpy as np


def kmeans_pp_init(X, k, rng):
    N = len(X)
    centers = [X[rng.integers(N)]]
    for _ in range(1, k):
        d2 = ((X - centers[-1]) ** 2).sum(1)                # distance to the last centre only
        for c in centers[:-1]:
            d2[(X == c).all(1)] = 0.0                       # (still avoids picking a centre twice)
        idx = rng.choice(N, p=d2 / d2.sum())
        centers.append(X[idx])
    return np.array(centers)
