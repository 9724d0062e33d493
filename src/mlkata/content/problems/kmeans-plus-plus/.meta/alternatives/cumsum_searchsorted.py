import numpy as np


def kmeans_pp_init(X, k, rng):
    N = len(X)
    chosen = [int(rng.integers(0, N))]
    d2 = np.einsum("nd,nd->n", X - X[chosen[0]], X - X[chosen[0]])
    while len(chosen) < k:
        cdf = np.cumsum(d2)
        j = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
        j = min(j, N - 1)
        while d2[j] == 0:          # guard against landing on a zero-width slot at the end
            j -= 1
        chosen.append(j)
        diff = X - X[j]
        d2 = np.minimum(d2, np.einsum("nd,nd->n", diff, diff))
    return X[chosen].copy()
