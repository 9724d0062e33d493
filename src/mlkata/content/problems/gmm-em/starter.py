import numpy as np


def gmm_em(X: np.ndarray, means_init: np.ndarray, n_iter: int = 50, reg: float = 1e-6):
    """EM for a Gaussian mixture with full covariances.

    X: (N, d); means_init: (K, d). Start from weights 1/K, the given means and identity
    covariances; run n_iter rounds of (E-step, M-step).
    Returns (weights (K,), means (K, d), covariances (K, d, d), resp (N, K)).
    """
    # TODO: E-step (responsibilities, in log space), M-step (weights, means, covariances + reg·I)
    raise NotImplementedError
