import numpy as np
import math


class GMM:
    def __init__(self, K, reg=1e-6):
        self.K, self.reg = K, reg

    def _log_resp(self, X):
        N, d = X.shape
        out = np.zeros((N, self.K))
        for k in range(self.K):
            L = np.linalg.cholesky(self.cov[k])
            z = np.linalg.solve(L, (X - self.mu[k]).T)
            out[:, k] = (np.log(self.pi[k]) - np.log(np.diag(L)).sum()
                         - 0.5 * d * math.log(2 * math.pi) - 0.5 * (z * z).sum(0))
        mx = out.max(axis=1, keepdims=True)
        lse = mx + np.log(np.sum(np.exp(out - mx), axis=1, keepdims=True))
        return out - lse

    def fit(self, X, means_init, n_iter):
        N, d = X.shape
        self.pi = np.full(self.K, 1 / self.K)
        self.mu = np.asarray(means_init, float).copy()
        self.cov = np.array([np.eye(d) for _ in range(self.K)])
        for _ in range(n_iter):
            r = np.exp(self._log_resp(X))
            Nk = r.sum(0)
            self.pi = Nk / N
            self.mu = (r[:, :, None] * X[:, None, :]).sum(0) / Nk[:, None]
            for k in range(self.K):
                D = X - self.mu[k]
                self.cov[k] = (D.T * r[:, k]) @ D / Nk[k]
                self.cov[k] += self.reg * np.eye(d)
        self.resp = r
        return self


def gmm_em(X: np.ndarray, means_init: np.ndarray, n_iter: int = 50, reg: float = 1e-6):
    g = GMM(len(means_init), reg).fit(X, means_init, n_iter)
    return g.pi, g.mu, g.cov, g.resp


if __name__ == "__main__":
    X = np.array([[0.], [1.], [10.], [11.]])
    print(gmm_em(X, np.array([[0.], [10.]]), n_iter=1))
