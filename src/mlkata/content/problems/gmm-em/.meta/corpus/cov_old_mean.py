# expect: none
# the M-step centres the covariances on the previous means instead of the newly computed ones
import numpy as np


def gmm_em(X, means_init, n_iter=50, reg=1e-6):
    n, d = X.shape
    k = len(means_init)
    pi = np.ones(k) / k
    mu = np.array(means_init, dtype=float)
    sigma = np.array([np.eye(d) for _ in range(k)])
    for _ in range(n_iter):
        # E-step in log space
        logp = np.empty((n, k))
        for j in range(k):
            sign, logdet = np.linalg.slogdet(sigma[j])
            diff = X - mu[j]
            sol = np.linalg.solve(sigma[j], diff.T).T
            logp[:, j] = np.log(pi[j]) - 0.5 * (d * np.log(2 * np.pi) + logdet + np.sum(diff * sol, axis=1))
        mx = logp.max(axis=1, keepdims=True)
        lse = mx + np.log(np.exp(logp - mx).sum(axis=1, keepdims=True))
        resp = np.exp(logp - lse)
        # M-step
        nk = resp.sum(axis=0)
        pi = nk / n
        for j in range(k):
            diff = X - mu[j]                 # old mean
            sigma[j] = (resp[:, j][:, None] * diff).T @ diff / nk[j] + reg * np.eye(d)
        mu = resp.T @ X / nk[:, None]
    return pi, mu, sigma, resp
