import numpy as np


def _logsumexp(a):
    m = a.max(axis=1, keepdims=True)
    return m + np.log(np.exp(a - m).sum(axis=1, keepdims=True))


def gmm_em(X, means_init, n_iter=50, reg=1e-6):
    N, d = X.shape
    K = means_init.shape[0]
    weights, means = np.ones(K) / K, np.array(means_init, float)
    covs = np.array([np.eye(d) for _ in range(K)])
    for _ in range(n_iter):
        cols = []
        for k in range(K):
            L = np.linalg.cholesky(covs[k])
            y = np.linalg.solve(L, (X - means[k]).T)
            cols.append(np.log(weights[k]) - np.log(np.diag(L)).sum() - 0.5 * d * np.log(2 * np.pi)
                        - 0.5 * (y * y).sum(0))
        log_p = np.stack(cols, axis=1)
        resp = np.exp(log_p - _logsumexp(log_p))
        Nk = resp.sum(0)
        weights = Nk / N
        means = resp.T @ X / Nk[:, None]
        for k in range(K):
            # weighted scatter around the new mean, one einsum per component
            diff = X - means[k]
            covs[k] = np.einsum("n,ni,nj->ij", resp[:, k], diff, diff) / Nk[k] + reg * np.eye(d)
    return weights, means, covs, resp
