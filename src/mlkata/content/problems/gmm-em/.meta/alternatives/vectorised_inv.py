import numpy as np


def gmm_em(X, means_init, n_iter=50, reg=1e-6):
    N, d = X.shape
    K = len(means_init)
    w = np.full(K, 1 / K)
    mu = means_init.astype(float).copy()
    cov = np.stack([np.eye(d)] * K)
    for _ in range(n_iter):
        prec = np.linalg.inv(cov)                                   # (K, d, d)
        diff = X[:, None, :] - mu[None]                             # (N, K, d)
        maha = np.einsum("nki,kij,nkj->nk", diff, prec, diff)
        logdet = np.linalg.slogdet(cov)[1]
        lp = np.log(w) - 0.5 * (maha + logdet + d * np.log(2 * np.pi))
        lp -= lp.max(1, keepdims=True)
        r = np.exp(lp)
        r /= r.sum(1, keepdims=True)
        nk = r.sum(0)
        w = nk / N
        mu = r.T @ X / nk[:, None]
        diff = X[:, None, :] - mu[None]
        cov = np.einsum("nk,nki,nkj->kij", r, diff, diff) / nk[:, None, None] + reg * np.eye(d)
    return w, mu, cov, r
