"""Cases for `cross_entropy_with_grad`. Oracle: F.cross_entropy + autograd in float64."""

import numpy as np
import torch

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7, "float16": 9.8e-4}
BASE = {"float64": (1e-10, 1e-13), "float32": (2e-5, 1e-6), "float16": (1e-2, 1e-3)}  # (rtol, atol)


def oracle(logits: np.ndarray, labels: np.ndarray):
    x = torch.from_numpy(logits.astype(np.float64)).requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(x, torch.from_numpy(labels))
    loss.backward()
    return loss.item(), x.grad.numpy().astype(logits.dtype)


def case(name, logits, labels, tier="core", why=None):
    logits = np.asarray(logits)
    labels = np.asarray(labels, dtype=np.int64)
    dt = str(logits.dtype)
    rtol, atol = BASE[dt]
    # the probabilities carry eps·max|x| of relative error from the exponent, and the loss
    # (log-sum-exp minus x_y) that much absolute error: allow both, plus a few roundings
    scale = float(np.abs(logits).max()) if logits.size else 0.0
    tol = {"rtol": rtol + 8 * EPS[dt] * scale, "atol": atol + 16 * EPS[dt] * scale}
    return Case(name, args=(logits, labels), expected=oracle(logits, labels), tier=tier, why=why, tol=tol,
                summary=f"logits {list(logits.shape)} {dt}, labels {labels.tolist()[:8]}")


def generate():
    rng = np.random.default_rng(6)
    yield case("2-D float64", rng.normal(size=(4, 5)) * 2, rng.integers(0, 5, 4),
               why="gradient = (softmax - onehot) / B")
    yield case("float32 batch", rng.normal(size=(16, 10)).astype(np.float32), rng.integers(0, 10, 16),
               why="a batch of 16: the mean's 1/B scales every gradient entry")
    yield case("B = 1", rng.normal(size=(1, 6)), np.array([2]))
    yield case("confident and wrong", np.array([[8.0, 0.0, -3.0], [0.0, 9.0, 1.0]]), np.array([2, 0]),
               why="the true class gets a gradient near -1/B, the predicted one near +1/B")
    yield case("huge logits float64", np.array([[1e4, 1e4 - 1, 1e4 - 10], [-1e4, -1e4 + 3, -1e4 + 1]]),
               np.array([1, 2]), why="exp(1e4) overflows: shift by the row max")
    yield case("huge logits float32", (rng.normal(size=(4, 10)) * 1e4).astype(np.float32), rng.integers(0, 10, 4),
               why="exp overflows above ~88 in float32")
    yield case("true class far below the max", np.array([[0.0, -1000.0, 1.0], [5.0, 3.0, -800.0]]),
               np.array([1, 2]), why="p_y underflows to 0: the loss must come from log space (about 900), "
               "the gradient of that entry is exactly -1/B")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("float16", rng.normal(size=(4, 8)).astype(np.float16), rng.integers(0, 8, 4), tier="edge",
               why="return the gradient in float16, computed in float32")
    yield case("one class", rng.normal(size=(3, 1)), np.zeros(3), tier="edge",
               why="with one class the loss and the gradient are exactly 0")
