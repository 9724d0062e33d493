"""Cases for `cross_entropy`. Oracle: torch.nn.functional.cross_entropy in float64."""

import numpy as np

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7, "float16": 9.8e-4}
BASE = {"float64": (1e-10, 1e-12), "float32": (2e-5, 2e-6), "float16": (1e-2, 1e-3)}  # (rtol, atol)


def oracle(logits: np.ndarray, labels: np.ndarray) -> float:
    import torch  # judge side only: the sandbox loads this module for its run hook

    x = torch.from_numpy(logits.astype(np.float64))
    return torch.nn.functional.cross_entropy(x, torch.from_numpy(labels.astype(np.int64))).item()


def case(name, logits, labels, tier="core", why=None):
    logits = np.asarray(logits)
    labels = np.asarray(labels, dtype=np.int64)
    dt = str(logits.dtype)
    rtol, atol = BASE[dt]
    # logsumexp(x) - x_y subtracts numbers of size max|x|: a correct formulation in the input
    # dtype loses about eps·max|x| absolutely, even when the loss itself is tiny
    scale = float(np.abs(logits).max()) if logits.size else 0.0
    tol = {"rtol": rtol, "atol": atol + 16 * EPS[dt] * scale}
    return Case(name, args=(logits, labels), expected=oracle(logits, labels), tier=tier, why=why, tol=tol)


def bad_labels(name, logits, labels, why):
    """Labels outside [0, C): the contract says raise (IndexError, ValueError or an assert)."""
    return Case(name, args=(np.asarray(logits), np.asarray(labels, dtype=np.int64)), expected="raised",
                tier="edge", run="run_expect_raise", check="check_raised", why=why)


def run_expect_raise(entry, case):
    try:
        return entry(*case.args, **case.kwargs)
    except (IndexError, ValueError, AssertionError):
        return "raised"


def check_raised(case, got, ctx):
    if isinstance(got, str) and got == "raised":
        return None
    return (f"labels outside [0, C) must raise IndexError, ValueError or AssertionError; "
            f"your function returned {got!r}")


def generate():
    rng = np.random.default_rng(2)
    yield case("2-D float64", rng.normal(size=(5, 6)) * 2, rng.integers(0, 6, 5))
    yield case("float32 batch", rng.normal(size=(16, 10)).astype(np.float32), rng.integers(0, 10, 16),
               why="16 examples with mixed labels: a sum instead of a mean, or a (B, B) index grid, shows here")
    yield case("B = 1", rng.normal(size=(1, 7)), np.array([3]))
    yield case("one class", rng.normal(size=(3, 1)), np.zeros(3), why="with a single class the loss is exactly 0")
    yield case("huge logits float64", np.array([[1e4, 1e4 - 1, 1e4 - 10], [-1e4, -1e4 + 3, -1e4 + 1]]),
               np.array([1, 2]), why="exp(1e4) overflows: pull the row max out of the log-sum-exp (§1.2)")
    yield case("huge logits float32", (rng.normal(size=(4, 10)) * 1e4).astype(np.float32), rng.integers(0, 10, 4),
               why="exp overflows above ~88 in float32")
    yield case("very negative logits", np.array([[-1000.0, -1001.0, -1003.0], [-2000.0, -1999.0, -2005.0]]),
               np.array([0, 1]), why="every exp underflows to 0 without the max shift, and log(0) = -inf")
    yield case("true class far below the max (float64)", np.array([[0.0, -1000.0, 1.0], [5.0, 3.0, -800.0]]),
               np.array([1, 2]), why="softmax of the true class underflows to 0, so log(softmax) is -inf; "
               "the loss itself is a finite ~900: compute log-probabilities directly (Q24)")
    yield case("true class far below the max (float32)", np.array([[0.0, -200.0, 2.0], [1.0, 1.5, -150.0]], dtype=np.float32),
               np.array([1, 2]), why="in float32 exp underflows already below about -104")
    yield case("rows on different scales", np.stack([rng.normal(size=6), rng.normal(size=6) + 1000.0]),
               np.array([4, 0]), why="each row needs its own max")
    # -- edge: hardening ---------------------------------------------------------------------
    yield bad_labels("label -1", rng.normal(size=(3, 4)), np.array([0, -1, 2]),
                     why="NumPy indexing wraps -1 to the last class and returns a plausible loss; "
                     "PyTorch raises — so must you (errata S2)")
    yield bad_labels("label = C", rng.normal(size=(2, 4)), np.array([1, 4]),
                     why="class index C does not exist")
    wide = (rng.normal(size=(2, 100_000)) * 0.02).astype(np.float16)
    yield case("float16, 100k classes", wide, np.array([7, 99_999]), tier="edge",
               why="the float16 sum of 100k exp() values near 1 overflows (max 65504): accumulate in float32")
    yield case("float16", rng.normal(size=(4, 8)).astype(np.float16), rng.integers(0, 8, 4), tier="edge")
