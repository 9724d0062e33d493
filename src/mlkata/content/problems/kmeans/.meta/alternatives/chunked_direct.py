import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    rng = np.random.default_rng(seed)
    C = X[rng.choice(len(X), k, replace=False)]

    def assign(C, chunk=4096):
        # exact differences, a block of rows at a time: memory (chunk, k, d)
        return np.concatenate([((X[i:i + chunk, None] - C[None]) ** 2).sum(-1).argmin(1)
                               for i in range(0, len(X), chunk)])

    labels = assign(C)
    for _ in range(n_iter):
        new_C = np.array([X[labels == j].mean(0) if (labels == j).any() else C[j] for j in range(k)])
        if np.allclose(new_C, C, rtol=1e-5, atol=0.0):
            C = new_C
            break
        C = new_C
        labels = assign(C)
    return assign(C), C
