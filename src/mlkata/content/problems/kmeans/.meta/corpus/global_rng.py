# expect: global-random-state
# picks the starting points with np.random.choice (the global generator), ignoring seed: not reproducible
import numpy as np


def kmeans(X, k, n_iter=100, seed=42):
    n = len(X)
    centroids = X[np.random.choice(n, k, replace=False)].copy()
    for it in range(n_iter):
        sq = np.einsum("ij,ij->i", X, X)[:, None] - 2 * X @ centroids.T + np.einsum("ij,ij->i", centroids, centroids)[None]
        assign = np.argmin(sq, axis=1)
        new = centroids.copy()
        for c in range(k):
            pts = X[assign == c]
            if len(pts):
                new[c] = pts.mean(axis=0)
        if np.array_equal(new, centroids):
            break
        centroids = new
    sq = np.einsum("ij,ij->i", X, X)[:, None] - 2 * X @ centroids.T + np.einsum("ij,ij->i", centroids, centroids)[None]
    return np.argmin(sq, axis=1), centroids
