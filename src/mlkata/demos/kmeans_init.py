"""K-means++ seeding versus uniform random seeding: final WCSS over many seeds."""

from __future__ import annotations

NAME = "kmeans-init"
TITLE = "K-means++ versus random initialisation"
SECTIONS = ["Q13", "Q21", "§1.8"]


def lloyd(X, C, n_iter=100):
    import numpy as np

    for _ in range(n_iter):
        d = (X * X).sum(1)[:, None] - 2 * X @ C.T + (C * C).sum(1)[None]   # (N, K) squared distances
        labels = d.argmin(1)
        new = np.array([X[labels == j].mean(0) if (labels == j).any() else C[j] for j in range(len(C))])
        if np.array_equal(new, C):
            break
        C = new
    d = (X * X).sum(1)[:, None] - 2 * X @ C.T + (C * C).sum(1)[None]
    return float(np.maximum(d.min(1), 0).sum())


def plus_plus(X, k, rng):
    import numpy as np

    C = [X[rng.integers(len(X))]]
    d2 = ((X - C[0]) ** 2).sum(1)
    for _ in range(1, k):
        C.append(X[rng.choice(len(X), p=d2 / d2.sum())])                  # ∝ D(x)²
        d2 = np.minimum(d2, ((X - C[-1]) ** 2).sum(1))
    return np.array(C)


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    k, per, min_gap = 12, 150, 8.0   # blob std 1; centres at least 8 std apart: the blobs do not touch
    centers: list = []
    while len(centers) < k:          # rejection sampling: the separation is built in, then measured
        c = rng.uniform(-25, 25, size=2)
        if all(np.linalg.norm(c - o) >= min_gap for o in centers):
            centers.append(c)
    centers = np.array(centers)
    gaps = np.linalg.norm(centers[:, None] - centers[None], axis=-1) + np.eye(k) * 1e9
    closest = float(gaps.min())
    X = np.concatenate([c + rng.standard_normal((per, 2)) for c in centers])
    own = np.repeat(np.arange(k), per)
    strays = int((((X[:, None] - centers[None]) ** 2).sum(-1).argmin(1) != own).sum())  # nearer another centre
    blob_wcss = float(sum(((X[i * per:(i + 1) * per] - X[i * per:(i + 1) * per].mean(0)) ** 2).sum()
                          for i in range(k)))
    runs = 40
    w_rand = sorted(lloyd(X, X[rng.choice(len(X), k, replace=False)]) for _ in range(runs))
    w_pp = sorted(lloyd(X, plus_plus(X, k, rng)) for _ in range(runs))

    def found(ws):  # runs that ended on the partition into blobs (its WCSS, to rounding)
        return sum(w <= blob_wcss * (1 + 1e-9) for w in ws) / runs

    reading = (
        f"{k} blobs of standard deviation 1, the closest two centres {closest:.1f} apart; {strays} of the {k * per} "
        f"points lie nearer another blob's centre than their own, so the partition into blobs (WCSS "
        f"{blob_wcss:.0f}) is the answer to find. In {runs} runs each, Lloyd from "
        f"random seeds ends on it in {found(w_rand):.0%} of runs (median WCSS {np.median(w_rand):.0f}); from "
        f"K-means++ seeds in {found(w_pp):.0%} (median {np.median(w_pp):.0f}). Even with clean clusters Lloyd "
        f"only finds a local optimum: a start with two centres in one blob and none in another stays stuck. "
        f"K-means++ (centres drawn ∝ D(x)²) makes that rarer but not impossible, hence restarts; its guarantee is "
        f"O(log K) times the optimum in expectation, not the optimum."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"median_wcss_random": float(np.median(w_rand)), "median_wcss_pp": float(np.median(w_pp)),
                 "blob_partition_wcss": blob_wcss, "closest_centres": closest, "strays": strays,
                 "found_partition_random": found(w_rand), "found_partition_pp": found(w_pp)},
        plots=[Plot("final WCSS, sorted over runs", "run (sorted)", "WCSS",
                    [Series("random", list(range(runs)), w_rand), Series("k-means++", list(range(runs)), w_pp),
                     Series("partition into blobs", [0, runs - 1], [blob_wcss, blob_wcss])], logy=True)],
    )
