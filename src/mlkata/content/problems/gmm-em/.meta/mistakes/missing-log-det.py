import numpy as np


def gmm_em(X: np.ndarray, means_init: np.ndarray, n_iter: int = 50, reg: float = 1e-6):
    """EM for a full-covariance Gaussian mixture. Returns (weights, means, covariances, resp)."""
    N, d = X.shape
    K = means_init.shape[0]
    # start: equal weights, the given means, identity covariances
    weights = np.full(K, 1.0 / K)                                  # (K,)
    means = np.array(means_init, dtype=np.float64)                 # (K, d)
    covs = np.tile(np.eye(d), (K, 1, 1))                           # (K, d, d)
    for _ in range(n_iter):
        # E-step in log space: exp(-½·mahalanobis) underflows to 0 for far points
        log_p = np.empty((N, K))                                   # (N, K)
        for k in range(K):
            diff = X - means[k]                                    # (N, d)
            _, logdet = np.linalg.slogdet(covs[k])
            maha = (diff * np.linalg.solve(covs[k], diff.T).T).sum(axis=1)  # (N,)
            log_p[:, k] = np.log(weights[k]) - 0.5 * (d * np.log(2 * np.pi) + maha)   # log det Σ forgotten
        # normalise each row with log-sum-exp (shift by the row max first)
        m = log_p.max(axis=1, keepdims=True)                       # (N, 1)
        log_norm = m + np.log(np.exp(log_p - m).sum(axis=1, keepdims=True))
        resp = np.exp(log_p - log_norm)                            # (N, K), rows sum to 1
        # M-step: soft counts, then weights, means and covariances weighted by resp
        Nk = resp.sum(axis=0)                                      # (K,)
        weights = Nk / N
        means = (resp.T @ X) / Nk[:, None]                         # (K, d)
        for k in range(K):
            diff = X - means[k]                                    # (N, d) centred on the NEW mean
            covs[k] = (resp[:, k, None] * diff).T @ diff / Nk[k] + reg * np.eye(d)
    return weights, means, covs, resp
