import numpy as np


def kmeans_pp_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding on X (N, d): returns k rows of X, shape (k, d).

    Draw all randomness from `rng` (a numpy.random.Generator).
    """
    # TODO: first centre uniform; then repeatedly draw the next one with probability ∝ D(x)²
    raise NotImplementedError
