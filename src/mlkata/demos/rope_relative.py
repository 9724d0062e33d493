"""RoPE: the score q·k depends on the two positions only through their difference; an
added (absolute) sinusoidal position embedding does not have that property."""

from __future__ import annotations

NAME = "rope-relative"
TITLE = "RoPE scores depend only on the relative position"
SECTIONS = ["RoPE", "§1.3"]


def _rope(x, positions, base=10000.0):
    import torch

    d = x.shape[-1]
    inv = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)      # (d/2,)
    a = positions.double()[:, None] * inv                               # (T, d/2)
    a = torch.cat([a, a], -1)                                           # (T, d), half-split layout
    x1, x2 = x.chunk(2, -1)
    return x * a.cos() + torch.cat([-x2, x1], -1) * a.sin()


def _sinusoid(positions, d, base=10000.0):
    import torch

    inv = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    a = positions.double()[:, None] * inv
    return torch.cat([a.sin(), a.cos()], -1)                            # (T, d)


def run(seed: int = 0):
    import torch

    from mlkata.demos import DemoResult, Plot, Series

    g = torch.Generator().manual_seed(seed)
    d = 64
    q = torch.randn(d, generator=g, dtype=torch.float64)   # the same query and key content at every position
    k = torch.randn(d, generator=g, dtype=torch.float64)
    offsets = list(range(0, 33))
    starts = [0, 100, 1000]
    rope, added = {}, {}
    for m in starts:
        pos_q = torch.full((len(offsets),), m)
        pos_k = torch.tensor([m + o for o in offsets])
        rq, rk = _rope(q.expand(len(offsets), d), pos_q), _rope(k.expand(len(offsets), d), pos_k)
        rope[m] = (rq * rk).sum(-1).tolist()
        aq, ak = q + _sinusoid(pos_q, d), k + _sinusoid(pos_k, d)
        added[m] = (aq * ak).sum(-1).tolist()
    spread = lambda table: max(max(col) - min(col) for col in zip(*table.values()))
    rope_spread, added_spread = spread(rope), spread(added)
    scale = max(abs(v) for v in rope[0])
    reading = (
        f"The same query and key vectors (d = {d}) are placed at positions m and m + offset, for m = "
        f"{', '.join(map(str, starts))}. With RoPE the three score curves coincide: the largest difference between "
        f"them over offsets 0..{offsets[-1]} is {rope_spread:.1e} (scores are of size {scale:.1f}), rounding only — "
        f"the score depends on the offset alone. Adding a sinusoidal position embedding to the vectors instead "
        f"gives curves that differ by up to {added_spread:.2f}: the score then also depends on where the pair sits."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"rope_max_spread": rope_spread, "added_max_spread": added_spread, "score_scale": scale},
        plots=[Plot("q·k with RoPE, query at m, key at m + offset", "offset", "score",
                    [Series(f"RoPE, m = {m}", offsets, rope[m]) for m in starts]),
               Plot("q·k with an added sinusoidal embedding", "offset", "score",
                    [Series(f"added, m = {m}", offsets, added[m]) for m in starts])],
    )
