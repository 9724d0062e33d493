"""GMM-EM with a shared isotropic σ² approaches K-means as σ → 0 (and the temperature is 2σ²)."""

from __future__ import annotations

NAME = "gmm-limit"
TITLE = "GMM-EM approaches K-means as σ → 0"
SECTIONS = ["Q32", "§1.8"]


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    X = np.concatenate([rng.normal(m, 1.2, size=(100, 2)) for m in ([0, 0], [4, 1], [1, 4])])
    init = X[[0, 100, 200]] + 0.5

    def kmeans(M, iters=200):
        for _ in range(iters):
            lab = ((X[:, None] - M[None]) ** 2).sum(-1).argmin(1)
            M = np.array([X[lab == j].mean(0) for j in range(len(M))])
        return M

    def em(M, sigma, iters=200):
        for _ in range(iters):
            logits = -((X[:, None] - M[None]) ** 2).sum(-1) / (2 * sigma**2)   # temperature 2σ², equal weights
            logits -= logits.max(1, keepdims=True)
            r = np.exp(logits)
            r /= r.sum(1, keepdims=True)                                         # (N, K) responsibilities
            M = (r.T @ X) / r.sum(0)[:, None]                                   # weighted means
        return M

    km = kmeans(init.copy())
    sigmas = [3.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.05]
    gaps = [float(np.abs(em(init.copy(), s) - km).max()) for s in sigmas]
    reading = (
        f"EM with equal weights and a fixed shared covariance σ²I, started from the same means as K-means: the largest "
        f"difference between its means and K-means' shrinks from {gaps[0]:.2f} at σ = {sigmas[0]} to {gaps[-1]:.1e} at "
        f"σ = {sigmas[-1]}. The responsibilities are a softmax of −‖x − μ‖²/(2σ²): the temperature is 2σ² (the sheet "
        f"writes σ²), and as it goes to 0 the soft assignment becomes K-means' hard one."
    )
    return DemoResult(NAME, TITLE, reading, numbers={"gap_large_sigma": gaps[0], "gap_small_sigma": gaps[-1]},
                      plots=[Plot("max |μ_EM − μ_kmeans|", "σ", "difference", [Series("EM vs K-means", sigmas, gaps)],
                                  logx=True, logy=True)])
