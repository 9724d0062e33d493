"""The `kmeans` reference versus scikit-learn's Lloyd K-means from the same initial centroids.

N = 100k, d = 32, K = 16 by default. Target (issue 6): at most 2x sklearn's time and peak
memory, and the same WCSS. The reference draws its initial centroids from `seed`; they are
recovered by running it with n_iter=0 (labels from the initial centroids), and sklearn gets
them as `init`. Peak memory is traced with tracemalloc (NumPy and sklearn's Python-side
buffers; sklearn's Cython work arrays are mostly counted too, as NumPy arrays).

Usage: python bench/ref_kmeans.py [--n 100000 --d 32 --k 16 --repeat 3]
"""

from __future__ import annotations

import argparse
import statistics

from _refs import entry, peak_mib, reference, skip_exit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--d", type=int, default=32)
    ap.add_argument("--k", type=int, default=16)
    ap.add_argument("--iters", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ref = reference("kmeans")
    fn = entry(ref, "kmeans", "kmeans") if ref else None
    if fn is None:
        skip_exit()
    try:
        from sklearn.cluster import KMeans
    except ImportError:
        print("skipped: scikit-learn is not installed (pip install scikit-learn)")
        skip_exit()
    import numpy as np

    rng = np.random.default_rng(0)
    centers = rng.normal(size=(args.k, args.d)) * 4
    X = centers[rng.integers(args.k, size=args.n)] + rng.normal(size=(args.n, args.d))
    _, C0 = fn(X, args.k, n_iter=0, seed=7)  # the reference's initial centroids
    rows = {"reference": [], "sklearn": []}
    mem = {}
    wcss = {}
    for _ in range(args.repeat):
        (labels, C), dt, peak = peak_mib(fn, X, args.k, n_iter=args.iters, seed=7)
        rows["reference"].append(dt)
        mem["reference"] = peak
        wcss["reference"] = float(((X - C[labels]) ** 2).sum())
        km = KMeans(n_clusters=args.k, init=C0, n_init=1, max_iter=args.iters, algorithm="lloyd", tol=0.0)
        _, dt, peak = peak_mib(km.fit, X)
        rows["sklearn"].append(dt)
        mem["sklearn"] = peak
        wcss["sklearn"] = float(km.inertia_)
    t_ref, t_sk = statistics.median(rows["reference"]), statistics.median(rows["sklearn"])
    print(f"kmeans N={args.n} d={args.d} K={args.k}, same initial centroids, median of {args.repeat}")
    print(f"  reference  {t_ref * 1000:8.1f} ms  peak {mem['reference']:7.1f} MiB  WCSS {wcss['reference']:.6g}")
    print(f"  sklearn    {t_sk * 1000:8.1f} ms  peak {mem['sklearn']:7.1f} MiB  WCSS {wcss['sklearn']:.6g}")
    print(f"  ratio      time {t_ref / t_sk:.2f}× (target ≤ 2), memory {mem['reference'] / max(mem['sklearn'], 1e-9):.2f}× "
          f"(target ≤ 2), WCSS rel. diff {abs(wcss['reference'] - wcss['sklearn']) / wcss['sklearn']:.1e}")


if __name__ == "__main__":
    main()
