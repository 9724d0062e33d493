"""Top-p keeps an adaptive number of tokens; top-k a fixed one. Temperature moves the nucleus."""

from __future__ import annotations

NAME = "top-p-vs-top-k"
TITLE = "Top-p versus top-k set sizes under temperature"
SECTIONS = ["§1.7", "Q8", "Q16", "S8"]


def nucleus_size(logits, p: float, T: float) -> int:
    import numpy as np

    z = logits / T
    q = np.exp(z - z.max())
    q /= q.sum()
    s = np.sort(q)[::-1]
    return int(np.searchsorted(np.cumsum(s), p) + 1)     # smallest set with mass >= p


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    V = 5000
    ranks = np.arange(1, V + 1)
    peaked = -1.5 * np.log(ranks)                          # Zipf-like, confident
    flat = -0.6 * np.log(ranks)                            # Zipf-like, uncertain
    temps = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0]
    sizes_peaked = [nucleus_size(peaked, 0.9, T) for T in temps]
    sizes_flat = [nucleus_size(flat, 0.9, T) for T in temps]
    reading = (
        f"Over a {V}-token vocabulary, the p = 0.9 nucleus of a confident (steep Zipf) distribution holds "
        f"{sizes_peaked[3]} tokens at T = 1 and of an uncertain (flat) one {sizes_flat[3]} tokens — top-k with one k cannot "
        f"fit both. Temperature reshapes the distribution before the cut: at T = {temps[0]} the confident nucleus shrinks "
        f"to {sizes_peaked[0]} token(s), at T = {temps[-1]} it grows to {sizes_peaked[-1]}."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"nucleus_peaked_T1": sizes_peaked[3], "nucleus_flat_T1": sizes_flat[3],
                 "nucleus_peaked_T_low": sizes_peaked[0], "nucleus_peaked_T_high": sizes_peaked[-1]},
        plots=[Plot("p = 0.9 nucleus size", "temperature T", "tokens kept",
                    [Series("confident", temps, sizes_peaked), Series("uncertain", temps, sizes_flat)], logy=True)],
    )
