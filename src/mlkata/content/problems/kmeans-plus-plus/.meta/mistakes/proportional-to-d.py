import numpy as np


def kmeans_pp_init(X, k, rng):
    N = len(X)
    centers = [X[rng.integers(N)]]
    dist = np.linalg.norm(X - centers[0], axis=1)
    for _ in range(1, k):
        idx = rng.choice(N, p=dist / dist.sum())          # ∝ D, not D²
        centers.append(X[idx])
        dist = np.minimum(dist, np.linalg.norm(X - X[idx], axis=1))
    return np.array(centers)
