"""Cases for `softmax`. Oracle: torch.softmax in float64, cast to the input dtype."""

import numpy as np
import torch

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7, "float16": 9.8e-4}


def oracle(x: np.ndarray) -> np.ndarray:
    return torch.softmax(torch.from_numpy(x.astype(np.float64)), dim=-1).numpy().astype(x.dtype)


def case(name, x, tier="core", why=None, tol=None):
    x = np.asarray(x)
    if tol is None and x.size and np.isfinite(x).any():
        # exp(x - lse) loses |x|·eps of absolute accuracy in the exponent: a correct,
        # stable formulation in the input dtype is off by about that much, relatively
        scale = float(np.abs(x[np.isfinite(x)]).max())
        base = {"float64": 1e-9, "float32": 2e-5, "float16": 5e-3}[str(x.dtype)]
        atol = {"float64": 1e-15, "float32": 1e-7, "float16": 1e-4}[str(x.dtype)]
        tol = {"rtol": base + 8 * EPS[str(x.dtype)] * scale, "atol": atol}
    return Case(name, args=(x,), expected=oracle(x), tier=tier, why=why, tol=tol)


def generate():
    rng = np.random.default_rng(1)
    yield case("1-D float64", np.array([1.0, 2.0, 3.0]))
    yield case("2-D float64", rng.normal(size=(4, 7)))
    yield case("3-D float32", rng.normal(size=(2, 3, 5)).astype(np.float32),
               why="any leading dims: normalise over the last axis only")
    yield case("3-D, distinct axis sizes", rng.normal(size=(2, 3, 4)) * 3,
               why="a sum over the wrong axis, or without keepdims, shows up here")
    yield case("size-1 last axis", rng.normal(size=(3, 1)), why="a single class: every probability is 1")
    yield case("size-1 batch", rng.normal(size=(1, 6)).astype(np.float32))
    yield case("huge logits float64", np.array([[1e4, 9999.0, 9990.0], [-1e4, -1e4 + 1, -1e4 + 5]]),
               why="exp(1e4) overflows: subtract the row max first (§1.1)")
    yield case("huge logits float32", (rng.normal(size=(4, 10)) * 1e4).astype(np.float32),
               why="exp overflows above ~88 in float32")
    yield case("rows on different scales", np.stack([rng.normal(size=6), rng.normal(size=6) + 1000.0]),
               why="one max for the whole array underflows every row far below it: use a per-row max")
    yield case("masked entries (-inf)", np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, 2.0]], dtype=np.float32),
               why="-inf scores (masked) must get probability exactly 0")
    # -- edge: hardening ---------------------------------------------------------------------
    wide = (rng.normal(size=(2, 100_000)) * 0.1).astype(np.float16)
    yield case("float16, 100k classes", wide, tier="edge", tol={"rtol": 1e-2, "atol": 1e-7},
               why="a float16 sum of 100k values near 1 overflows (max 65504): accumulate in float32")
    yield case("float16", rng.normal(size=(3, 8)).astype(np.float16), tier="edge")
    yield case("empty batch", np.zeros((0, 5)), tier="edge", why="a (0, C) input returns a (0, C) output")
