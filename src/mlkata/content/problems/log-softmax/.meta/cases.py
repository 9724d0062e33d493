"""Cases for `log_softmax`. Oracle: torch.log_softmax in float64, cast to the input dtype."""

import numpy as np
import torch

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7, "float16": 9.8e-4}
BASE = {"float64": (1e-10, 1e-11), "float32": (2e-5, 2e-6), "float16": (5e-3, 5e-3)}  # (rtol, atol)


def oracle(x: np.ndarray) -> np.ndarray:
    return torch.log_softmax(torch.from_numpy(x.astype(np.float64)), dim=-1).numpy().astype(x.dtype)


def case(name, x, tier="core", why=None, tol=None):
    x = np.asarray(x)
    if tol is None:
        rtol, atol = BASE[str(x.dtype)]
        finite = x[np.isfinite(x)]
        # (x - m) - log_z subtracts numbers of size max|x|: a correct computation in the input
        # dtype is off by a few eps·max|x| absolutely, even where the result is near 0
        scale = float(np.abs(finite).max()) if finite.size else 0.0
        tol = {"rtol": rtol, "atol": atol + 8 * EPS[str(x.dtype)] * scale}
    return Case(name, args=(x,), expected=oracle(x), tier=tier, why=why, tol=tol)


def generate():
    rng = np.random.default_rng(5)
    yield case("1-D float64", np.array([1.0, 2.0, 3.0]))
    yield case("2-D float64", rng.normal(size=(4, 7)) * 2)
    yield case("3-D float32, distinct axis sizes", (rng.normal(size=(2, 3, 5)) * 3).astype(np.float32),
               why="normalise over the last axis only, keepdims so the log-sum broadcasts back")
    yield case("size-1 last axis", rng.normal(size=(3, 1)), why="a single class: log-probability 0")
    yield case("size-1 batch", rng.normal(size=(1, 6)).astype(np.float32))
    yield case("underflow: [0, -200] in float32", np.array([[0.0, -200.0], [3.0, -150.0]], dtype=np.float32),
               why="softmax gives exactly 0 for the second entry, so log(softmax) is -inf; "
               "the right answer is about -200 (errata Q24)")
    yield case("underflow: [0, -1000] in float64", np.array([[0.0, -1000.0, 2.0], [-800.0, 1.0, 1.0]]),
               why="float64 exp underflows below about -745: work in log space")
    yield case("huge logits float64", np.array([[1e4, 9999.0, 9990.0], [-1e4, -1e4 + 1, -1e4 + 5]]),
               why="exp(1e4) overflows: subtract the row max first")
    yield case("huge logits float32", (rng.normal(size=(4, 10)) * 1e4).astype(np.float32),
               why="exp overflows above ~88 in float32, and the log-probabilities are as large as -1e4")
    yield case("rows on different scales", np.stack([rng.normal(size=6), rng.normal(size=6) + 1000.0]),
               why="one max for the whole array underflows the rows far below it: use a per-row max")
    yield case("masked entries (-inf)", np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, 2.0]], dtype=np.float32),
               why="-inf scores (masked) get log-probability -inf, the others stay finite")
    # -- edge: hardening ---------------------------------------------------------------------
    wide = (rng.normal(size=(2, 100_000)) * 0.02).astype(np.float16)
    yield case("float16, 100k classes", wide, tier="edge", tol={"rtol": 1e-2, "atol": 2e-2},
               why="a float16 sum of 100k values near 1 overflows (max 65504): accumulate in float32")
    yield case("float16", rng.normal(size=(3, 8)).astype(np.float16), tier="edge")
    yield case("empty batch", np.zeros((0, 5)), tier="edge", why="a (0, C) input returns a (0, C) output")
