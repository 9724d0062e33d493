import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    rng = np.random.default_rng(seed)
    C = X[rng.choice(len(X), size=k, replace=False)].astype(np.float64)
    x_sq = (X * X).sum(axis=1)
    for _ in range(n_iter):
        labels = (x_sq[:, None] - 2.0 * X @ C.T + (C * C).sum(axis=1)).argmin(axis=1)
        new_C = C.copy()
        for j in range(k):
            if (labels == j).any():
                new_C[j] = X[labels == j].mean(axis=0)
        if np.array_equal(new_C, C):
            break
        C = new_C
    return labels, C    # at the cap, labels were computed before the last update
