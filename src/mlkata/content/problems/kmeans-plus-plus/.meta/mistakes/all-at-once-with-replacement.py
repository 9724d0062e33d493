import numpy as np


def kmeans_pp_init(X, k, rng):
    N = len(X)
    first = rng.integers(N)
    d2 = ((X - X[first]) ** 2).sum(1)
    # all remaining centres in one draw, with replacement, from the first centre's D²
    rest = rng.choice(N, size=k - 1, replace=True, p=d2 / d2.sum())
    return X[np.concatenate([[first], rest])]
