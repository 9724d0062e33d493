# expect: none
# fits one covariance shared by all components (the pooled within-cluster scatter) instead of one per component
import numpy as np


def gmm_em(X, means_init, n_iter=50, reg=1e-6):
    N, d = X.shape
    K = len(means_init)
    w = np.full(K, 1.0 / K)
    mu = np.asarray(means_init, dtype=np.float64).copy()
    shared = np.eye(d)
    for _ in range(n_iter):
        inv = np.linalg.inv(shared)
        _, logdet = np.linalg.slogdet(shared)
        diff = X[:, None, :] - mu[None, :, :]                       # (N, K, d)
        maha = np.einsum("nkd,de,nke->nk", diff, inv, diff)
        logr = np.log(w)[None] - 0.5 * (d * np.log(2 * np.pi) + logdet + maha)
        logr -= logr.max(axis=1, keepdims=True)
        r = np.exp(logr)
        r /= r.sum(axis=1, keepdims=True)
        Nk = r.sum(axis=0)
        w = Nk / N
        mu = (r.T @ X) / Nk[:, None]
        diff = X[:, None, :] - mu[None, :, :]
        shared = np.einsum("nk,nkd,nke->de", r, diff, diff) / N + reg * np.eye(d)
    cov = np.repeat(shared[None], K, axis=0)
    return w, mu, cov, r
