"""Cases for `layer_norm`. Oracle: torch.nn.functional.layer_norm in float64, cast to the input dtype."""

import numpy as np
import torch

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7, "float16": 9.8e-4}
BASE = {"float64": (1e-9, 1e-12), "float32": (2e-5, 2e-6), "float16": (5e-3, 5e-3)}  # (rtol, atol)


def oracle(x, gamma, beta, eps):
    f = lambda a: torch.from_numpy(np.asarray(a, dtype=np.float64))  # noqa: E731
    y = torch.nn.functional.layer_norm(f(x), (x.shape[-1],), f(gamma), f(beta), eps=eps)
    return y.numpy().astype(x.dtype)


def case(name, x, gamma=None, beta=None, eps=None, tier="core", why=None, seed=0):
    x = np.asarray(x)
    d = x.shape[-1]
    rng = np.random.default_rng(100 + seed)
    # non-trivial gamma and beta everywhere: forgetting them must show
    gamma = (rng.uniform(0.5, 2.0, d) * rng.choice([-1, 1], d)).astype(x.dtype) if gamma is None else gamma
    beta = rng.normal(size=d).astype(x.dtype) if beta is None else beta
    e = 1e-6 if eps is None else eps
    dt = str(x.dtype)
    rtol, atol = BASE[dt]
    # a correct two-pass computation in the input dtype rounds the mean at eps·|mean|; dividing
    # by the row's spread magnifies that by |mean| / sqrt(var + eps): rows whose mean dwarfs
    # their spread are allowed that much absolute error (times |gamma|)
    x64 = x.astype(np.float64)
    mean = np.abs(x64.mean(axis=-1))
    spread = np.sqrt(x64.var(axis=-1) + e)
    cond = float((mean / spread).max()) if x.size else 0.0
    tol = {"rtol": rtol, "atol": atol + 16 * EPS[dt] * cond * float(np.abs(gamma).max())}
    kwargs = {} if eps is None else {"eps": eps}
    return Case(name, args=(x, gamma, beta), kwargs=kwargs, expected=oracle(x, gamma, beta, e),
                tier=tier, why=why, tol=tol)


def generate():
    rng = np.random.default_rng(3)
    yield case("1-D float64", rng.normal(size=8) * 3 + 1, seed=1)
    yield case("2-D float64", rng.normal(size=(4, 16)) * 2 - 1, seed=2,
               why="statistics per row (last axis), biased variance (divide by d)")
    yield case("3-D float32", rng.normal(size=(2, 3, 5)).astype(np.float32), seed=3,
               why="any leading dims: normalise over the last axis only, keepdims so it broadcasts")
    yield case("rows on different scales", np.stack([rng.normal(size=6) * 0.01 + 5, rng.normal(size=6),
                                                     rng.normal(size=6) * 100 - 30]), seed=4,
               why="each row has its own mean and variance")
    yield case("size-1 batch", rng.normal(size=(1, 7)).astype(np.float32), seed=5)
    yield case("size-1 feature axis", rng.normal(size=(3, 1)), seed=6,
               why="d = 1: every row is its own mean, so the output is beta (and d - 1 = 0 divides by zero)")
    yield case("low-variance rows", rng.normal(size=(3, 10)) * 1e-3 + 0.5, seed=7,
               why="variance ≈ 1e-6 is the size of eps: where eps goes (inside the root) and its value "
               "(1e-6 here; PyTorch's default is 1e-5) change the output a lot (errata S6)")
    yield case("mean far above the spread (float32)", (1e4 + rng.normal(size=(4, 32))).astype(np.float32), seed=8,
               why="mean 1e4, spread 1 in float32: E[x²] - E[x]² cancels catastrophically; centre first")
    yield case("explicit eps", rng.normal(size=(2, 9)) * 0.01, eps=1e-3, seed=9,
               why="use the eps you are given")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("constant rows", np.full((2, 5), 3.0), tier="edge", seed=10,
               why="zero variance: eps keeps the division finite and the output is beta")
    yield case("float16", rng.normal(size=(3, 8)).astype(np.float16), tier="edge", seed=11)
    yield case("empty batch", np.zeros((0, 4)), tier="edge", seed=12, why="a (0, d) input returns a (0, d) output")
