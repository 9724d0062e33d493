# expect: no-log-space
# E-step normalises raw densities pi * N(x) instead of working in log space: NaN for a point far from every component
import numpy as np


def gaussian_pdf(X, mu, cov):
    d = X.shape[1]
    diff = X - mu
    inv = np.linalg.inv(cov)
    maha = np.einsum("ni,ij,nj->n", diff, inv, diff)
    norm = np.sqrt((2 * np.pi) ** d * np.linalg.det(cov))
    return np.exp(-0.5 * maha) / norm


def gmm_em(X, means_init, n_iter=50, reg=1e-6):
    N, d = X.shape
    K = means_init.shape[0]
    w = np.full(K, 1.0 / K)
    mu = means_init.astype(np.float64).copy()
    cov = np.stack([np.eye(d)] * K)
    for _ in range(n_iter):
        dens = np.stack([w[k] * gaussian_pdf(X, mu[k], cov[k]) for k in range(K)], axis=1)
        r = dens / dens.sum(axis=1, keepdims=True)
        Nk = r.sum(axis=0)
        w = Nk / N
        mu = (r.T @ X) / Nk[:, None]
        for k in range(K):
            c = X - mu[k]
            cov[k] = (r[:, k, None] * c).T @ c / Nk[k] + reg * np.eye(d)
    return w, mu, cov, r
