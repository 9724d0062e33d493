"""Cases for `label_smoothing_cross_entropy`.

Oracle: F.cross_entropy(logits, labels, label_smoothing=eps) and its autograd gradient, in
float64, cast to the input dtype. Every case checks the loss and d(loss)/d(logits).
"""

import numpy as np
import torch

from mlkata.judge.spec import Case

EPS = {"float64": 2.2e-16, "float32": 1.2e-7}
BASE = {"float64": (1e-10, 1e-13), "float32": (2e-5, 1e-6)}  # (rtol, atol)


def oracle(logits: torch.Tensor, labels: torch.Tensor, eps: float):
    x = logits.detach().to(torch.float64).requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(x, labels, label_smoothing=eps)
    loss.backward()
    return loss.detach().to(logits.dtype), [x.grad.to(logits.dtype)]


def case(name, logits, labels, eps=None, tier="core", why=None):
    logits = torch.as_tensor(np.asarray(logits))
    labels = torch.as_tensor(np.asarray(labels, dtype=np.int64))
    dt = str(logits.dtype).replace("torch.", "")
    rtol, atol = BASE[dt]
    # log-softmax subtracts numbers of size max|x|: the loss may be off by ~eps·max|x|
    # absolutely and the probabilities (in the gradient) by that much relatively
    scale = float(logits.abs().max()) if logits.numel() else 0.0
    tol = {"rtol": rtol + 8 * EPS[dt] * scale, "atol": atol + 16 * EPS[dt] * scale}
    kwargs = {} if eps is None else {"eps": eps}
    return Case(name, args=(logits, labels), kwargs=kwargs, expected=oracle(logits, labels, 0.1 if eps is None else eps),
                requires_grad=(0,), tier=tier, why=why, tol=tol,
                summary=f"logits {list(logits.shape)} {dt}, labels {labels.tolist()[:8]}"
                        + (f", eps={eps}" if eps is not None else ""))


def generate():
    rng = np.random.default_rng(7)
    yield case("2-D float32, default eps", rng.normal(size=(4, 5)).astype(np.float32) * 2, rng.integers(0, 5, 4),
               why="PyTorch's convention: the true class gets 1 - eps + eps/C, every other class eps/C")
    yield case("float64, eps = 0.2", rng.normal(size=(6, 8)), rng.integers(0, 8, 6), eps=0.2,
               why="use the eps you are given")
    yield case("two classes", rng.normal(size=(5, 2)) * 3, rng.integers(0, 2, 5), eps=0.3,
               why="with C = 2 the sheet's eps/(C-1) puts eps on the other class, PyTorch puts eps/2")
    yield case("B = 1, many classes", rng.normal(size=(1, 50)).astype(np.float32), np.array([17]),
               why="eps/C on each of 50 classes, not eps on each")
    yield case("eps = 0 is plain cross-entropy", rng.normal(size=(3, 4)), rng.integers(0, 4, 3), eps=0.0)
    yield case("confident logits", np.array([[12.0, 0.0, -4.0, 1.0], [0.5, 9.0, 0.0, -2.0]]), np.array([0, 1]),
               why="smoothing penalises over-confidence: the loss stays well above 0 and the gradient "
               "pulls the top logit down once p_y > 1 - eps + eps/C")
    yield case("huge gaps (float32)", np.array([[0.0, -200.0, 3.0], [100.0, -100.0, 0.0]], dtype=np.float32),
               np.array([2, 0]), why="every class carries target mass eps/C, so a probability that underflows "
               "to 0 makes log(softmax) -inf and the loss inf: use log-softmax; no NaN may reach the gradient")
    yield case("huge logits float64", np.array([[1e4, 1e4 - 1, 1e4 - 10], [-1e4, -1e4 + 3, -1e4 + 1]]),
               np.array([1, 2]), why="log-softmax with a max shift stays finite")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("eps = 1 (uniform target)", rng.normal(size=(3, 6)).astype(np.float32), rng.integers(0, 6, 3), eps=1.0,
               tier="edge", why="the target is uniform: the label no longer matters")
