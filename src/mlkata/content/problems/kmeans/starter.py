import numpy as np


def kmeans(X: np.ndarray, k: int, n_iter: int = 100, seed: int = 42):
    """Lloyd's k-means on X (N, d). Returns (labels (N,) ints in [0, k), centroids (k, d))."""
    rng = np.random.default_rng(seed)
    # TODO: pick k distinct points as the initial centroids
    # TODO: alternate assignment (nearest centroid) and update (mean of the points) until
    #       nothing changes or n_iter steps are done
    raise NotImplementedError
