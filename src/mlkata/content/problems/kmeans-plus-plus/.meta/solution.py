import numpy as np


def kmeans_pp_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: k rows of X, the first uniform, each next one drawn ∝ D²."""
    N, d = X.shape
    centers = np.empty((k, d), dtype=X.dtype)                  # (k, d)
    # first centre: uniform over the points
    first = rng.integers(N)
    centers[0] = X[first]
    # D² = squared distance to the nearest centre chosen so far
    d2 = ((X - X[first]) ** 2).sum(axis=1)                     # (N,)
    for i in range(1, k):
        # draw ∝ D²: chosen points have D = 0, so they cannot be drawn again
        idx = rng.choice(N, p=d2 / d2.sum())
        centers[i] = X[idx]
        # keep the distance to the *nearest* of all chosen centres
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(axis=1))   # (N,)
    return centers
