# expect: broadcast-distances
# distances through X[:, None] - C[None] (an N*k*d array): far over the memory limit on the big case
import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    rng = np.random.default_rng(seed)
    C = X[rng.choice(len(X), size=k, replace=False)].copy()

    def assign(C):
        return ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(-1)

    for _ in range(n_iter):
        lab = assign(C)
        C_new = C.copy()
        for j in range(k):
            m = lab == j
            if m.any():
                C_new[j] = X[m].mean(0)
        if np.allclose(C_new, C, rtol=1e-12, atol=0.0):
            C = C_new
            break
        C = C_new
    return assign(C), C
