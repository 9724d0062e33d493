import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    rng = np.random.default_rng(seed)
    C = X[rng.permutation(len(X))[:k]].copy()
    scale = np.abs(X).max() or 1.0

    def assign(C):
        return (np.einsum("nd,nd->n", X, X)[:, None] - 2 * X @ C.T + np.einsum("kd,kd->k", C, C)).argmin(1)

    for _ in range(n_iter):
        labels = assign(C)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        counts = np.bincount(labels, minlength=k)
        new_C = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], C)
        shift = np.abs(new_C - C).max()
        C = new_C
        if shift <= 1e-10 * scale:          # relative to the data's scale
            break
    return assign(C), C
