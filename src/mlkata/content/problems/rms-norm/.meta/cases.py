"""Cases for `rms_norm`. Oracle: torch.nn.functional.rms_norm in float64, cast to the input dtype."""

import numpy as np
import torch

from mlkata.judge.spec import Case

BASE = {"float64": (1e-10, 1e-13), "float32": (2e-5, 1e-6), "float16": (5e-3, 5e-3)}  # (rtol, atol)


def oracle(x, gamma, eps):
    f = lambda a: torch.from_numpy(np.asarray(a, dtype=np.float64))  # noqa: E731
    return torch.nn.functional.rms_norm(f(x), (x.shape[-1],), f(gamma), eps=eps).numpy().astype(x.dtype)


def case(name, x, eps=None, tier="core", why=None, seed=0):
    x = np.asarray(x)
    d = x.shape[-1]
    rng = np.random.default_rng(200 + seed)
    # a non-trivial gain everywhere: forgetting it must show
    gamma = (rng.uniform(0.5, 2.0, d) * rng.choice([-1, 1], d)).astype(x.dtype)
    rtol, atol = BASE[str(x.dtype)]
    kwargs = {} if eps is None else {"eps": eps}
    return Case(name, args=(x, gamma), kwargs=kwargs, expected=oracle(x, gamma, 1e-6 if eps is None else eps),
                tier=tier, why=why, tol={"rtol": rtol, "atol": atol * float(np.abs(gamma).max())})


def generate():
    rng = np.random.default_rng(4)
    yield case("1-D float64", rng.normal(size=8) * 2 + 0.5, seed=1)
    yield case("2-D float64", rng.normal(size=(4, 16)) + 1.0, seed=2,
               why="mean square over the last axis; rows with a non-zero mean tell RMSNorm from LayerNorm")
    yield case("3-D float32", (rng.normal(size=(2, 3, 5)) + 0.3).astype(np.float32), seed=3,
               why="any leading dims: normalise over the last axis only, keepdims so it broadcasts")
    yield case("rows on different scales", np.stack([rng.normal(size=6) * 0.1 + 0.2, rng.normal(size=6) + 1,
                                                     rng.normal(size=6) * 100 - 30]), seed=4)
    yield case("size-1 batch", rng.normal(size=(1, 7)).astype(np.float32), seed=5)
    yield case("size-1 feature axis", rng.normal(size=(3, 1)) + 2, seed=6,
               why="d = 1: each output is gamma · x / sqrt(x² + eps)")
    yield case("low-RMS rows (RMS ≈ 1e-3)", rng.normal(size=(3, 12)) * 1e-3 + 5e-4, seed=7,
               why="mean(x²) ≈ 1e-6 is the size of eps: gamma·x/sqrt(mean(x²)+eps) and the sheet's "
               "gamma·x/(RMS(x)+eps) differ by ~40% here (errata §1.5)")
    yield case("huge activations float32", (rng.normal(size=(2, 16)) * 1e4).astype(np.float32), seed=8)
    yield case("explicit eps", rng.normal(size=(2, 9)) * 0.01, eps=1e-3, seed=9, why="use the eps you are given")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("float16, |x| in the hundreds", (rng.normal(size=(2, 64)) * 400).astype(np.float16), tier="edge",
               seed=10, why="in float16 x² overflows past |x| = 256 (max 65504): square and average in float32")
    yield case("all-zero row", np.zeros((2, 5)), tier="edge", seed=11, why="eps keeps 0 / sqrt(0 + eps) = 0 finite")
    yield case("float16", rng.normal(size=(3, 8)).astype(np.float16), tier="edge", seed=12)
    yield case("empty batch", np.zeros((0, 4)), tier="edge", seed=13, why="a (0, d) input returns a (0, d) output")
