"""Cases for `dropout`. The randomness is an input (u), so the output is deterministic.

Oracle: the statement's keep rule (u >= p) applied in float64 with torch ops; the scaling
1/(1 - p) and the eval identity are PyTorch's, and generate() checks them against
torch.native_dropout (its output must equal x·mask/(1 - p) for its own mask) and
F.dropout(training=False) before any case is built."""

import numpy as np
import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def _torch_convention_holds(p: float) -> None:
    """The scaling the oracle uses is the one torch's dropout applies."""
    g = torch.Generator().manual_seed(0)
    x = torch.rand(257, dtype=torch.float64, generator=g) + 0.5
    torch.manual_seed(1)
    out, mask = torch.native_dropout(x, p, True)
    mine = torch.where(mask, x / (1 - p), 0.0) if p < 1 else torch.zeros_like(x)
    assert torch.allclose(out, mine, rtol=1e-15, atol=0), p
    assert torch.equal(F.dropout(x, p, training=False), x), p


def oracle(x, p, u, training):
    x64 = torch.from_numpy(x.astype(np.float64))
    if not training:
        return F.dropout(x64, p, training=False).numpy().astype(x.dtype)
    keep = torch.from_numpy(u >= p)                   # the statement's rule: keep iff u >= p
    out = torch.where(keep, x64 / (1 - p), 0.0) if p < 1 else torch.zeros_like(x64)
    return out.numpy().astype(x.dtype)


def case(name, x, p, u, training=None, tier="core", why=None):
    _torch_convention_holds(p)
    kwargs = {} if training is None else {"training": training}
    mode = "train" if training in (None, True) else "eval"
    kept = f", {int((u >= p).sum())} of {u.size} kept" if mode == "train" else ""
    return Case(name, args=(x, p, u), kwargs=kwargs, tier=tier, why=why,
                expected=oracle(x, p, u, training in (None, True)),
                summary=f"x{list(x.shape)} {x.dtype}, p={p}, {mode}" + (" (default)" if training is None else "") + kept)


def generate():
    rng = np.random.default_rng(61)
    yield case("train, p = 0.3", rng.normal(size=(4, 6)), 0.3, rng.random((4, 6)), training=True,
               why="kept elements (u >= p) are divided by 1 - p = 0.7, the others are 0")
    yield case("train by default, float32 3-D", rng.normal(size=(2, 3, 5)).astype(np.float32), 0.1,
               rng.random((2, 3, 5)), why="training=True is the default; the output keeps float32")
    # u on a grid of eighths: several elements sit exactly on p = 0.25
    u = rng.integers(0, 8, size=(3, 8)) / 8.0
    u[0, :3] = 0.25
    yield case("u exactly equal to p", rng.normal(size=(3, 8)), 0.25, u, training=True,
               why="the rule is keep iff u >= p: an element with u == p is KEPT (drop iff u < p)")
    yield case("eval mode, float32", rng.normal(size=(5, 4)).astype(np.float32), 0.4, rng.random((5, 4)),
               training=False, why="at eval dropout is the identity: no mask and no scaling (inverted dropout "
                                   "already scaled at training time)")
    yield case("eval mode, 1-D", rng.normal(size=7), 0.5, rng.random(7), training=False)
    # -- edge ---------------------------------------------------------------------------------
    u = rng.random(6)
    u[2] = 0.0
    yield case("p = 0", rng.normal(size=6), 0.0, u, training=True, tier="edge",
               why="p = 0 keeps everything (u >= 0 always, even u = 0.0) and scales by 1")
    yield case("p = 1", rng.normal(size=(2, 3)), 1.0, rng.random((2, 3)), training=True, tier="edge",
               why="p = 1 drops everything: the output is all zeros, as in torch, not 0/0 = NaN")
