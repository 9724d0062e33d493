import numpy as np


def kmeans_pp_init(X, k, rng):
    N = len(X)
    centers = [X[rng.integers(N)]]
    d2 = ((X - centers[0]) ** 2).sum(1)
    for _ in range(1, k):
        idx = int(d2.argmax())                              # deterministic farthest point
        centers.append(X[idx])
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(1))
    return np.array(centers)
