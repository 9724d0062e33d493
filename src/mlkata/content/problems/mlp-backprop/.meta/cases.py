"""Cases for `mlp-backprop`. Oracle: the same network written with torch ops
(F.linear, F.relu, F.cross_entropy) in float64 and differentiated by torch autograd; the
gradients are cast to the input dtype."""

import numpy as np
import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def oracle(x, y, W1, b1, W2, b2):
    t = lambda a: torch.from_numpy(np.asarray(a, dtype=np.float64)).requires_grad_(True)  # noqa: E731
    params = {"W1": t(W1), "b1": t(b1), "W2": t(W2), "b2": t(b2)}
    h = F.relu(torch.from_numpy(x.astype(np.float64)) @ params["W1"] + params["b1"])  # relu'(0) = 0
    loss = F.cross_entropy(h @ params["W2"] + params["b2"], torch.from_numpy(y))      # batch mean
    loss.backward()
    return loss.item(), {k: p.grad.numpy().astype(x.dtype) for k, p in params.items()}


def case(name, x, y, W1, b1, W2, b2, tier="core", why=None):
    dt = x.dtype
    args = (x, np.asarray(y, dtype=np.int64), W1.astype(dt), b1.astype(dt), W2.astype(dt), b2.astype(dt))
    B, D = x.shape
    H, C = W2.shape
    return Case(name, args=args, expected=oracle(*args), tier=tier, why=why,
                summary=f"B={B}, D={D}, H={H}, C={C}, {dt}")


def random_net(rng, B, D, H, C, dtype=np.float64, logit_scale=1.0):
    x = rng.normal(size=(B, D)).astype(dtype)
    W1 = rng.normal(size=(D, H)) / np.sqrt(D)
    b1 = rng.normal(size=H) * 0.1
    W2 = rng.normal(size=(H, C)) / np.sqrt(H) * logit_scale
    b2 = rng.normal(size=C) * 0.1
    return x, rng.integers(0, C, B), W1, b1, W2, b2


def generate():
    rng = np.random.default_rng(16)
    yield case("small batch", *random_net(rng, 4, 5, 7, 3),
               why="D, H and C all differ: a gradient in the wrong layout has the wrong shape")
    yield case("square layers", *random_net(rng, 6, 4, 4, 4),
               why="D = H = C: a missing or extra transpose runs without error and gives other values")
    # integer-valued inputs and first layer: several pre-activations are exactly 0, where
    # ReLU'(0) = 0 (torch's convention) decides whether the gradient flows
    zr = np.random.default_rng(160)
    while True:  # deterministic: the first draw (fixed seed) with enough exact zeros
        x = zr.integers(-2, 3, size=(6, 3)).astype(np.float64)
        W1 = zr.integers(-2, 3, size=(3, 5)).astype(np.float64)
        b1 = zr.integers(-1, 2, size=5).astype(np.float64)
        if 4 <= ((x @ W1 + b1) == 0).sum() <= 12:
            break
    yield case("pre-activations exactly 0", x, zr.integers(0, 3, 6), W1, b1,
               zr.normal(size=(5, 3)), zr.normal(size=3) * 0.1,
               why="integer inputs make some pre-activations exactly 0: there ReLU'(0) = 0, so no gradient "
                   "flows (mask = z > 0 on the pre-activation)")
    yield case("float32 batch", *random_net(rng, 16, 8, 12, 5, dtype=np.float32),
               why="a batch of 16 in float32: the mean's 1/B scales every gradient; gradients keep float32")
    x, y, W1, b1, W2, b2 = random_net(rng, 5, 6, 8, 4, logit_scale=40.0)
    assert ((x @ W1 + b1) > 0).any(axis=0).all()  # every hidden unit active somewhere: NaN reaches all of dW1
    yield case("logits near 1000", x, y, W1, b1, W2, b2 + 1000.0,
               why="every logit lies between ~900 and ~1100: exp overflows past 709 unless each row is shifted "
                   "by its max (softmax does not change), and then the loss is an ordinary number")
    # -- edge -------------------------------------------------------------------------------
    yield case("B = 1", *random_net(rng, 1, 3, 4, 2), tier="edge")
    x, y, W1, b1, W2, b2 = random_net(rng, 4, 3, 5, 3)
    yield case("every hidden unit dead", x, y, W1, b1 - 50.0, W2, b2, tier="edge",
               why="all pre-activations negative: the first layer's gradients are exactly 0, "
                   "the second layer learns only its bias")
