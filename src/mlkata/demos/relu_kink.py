"""ReLU'(0) is a convention: autograd says 0, a central difference says 1/2, a z ≥ 0 mask says 1."""

from __future__ import annotations

NAME = "relu-kink"
TITLE = "Gradient checks at the ReLU kink"
SECTIONS = ["Backprop"]


def run(seed: int = 0):
    import numpy as np
    import torch

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    # a one-hidden-layer net with integer inputs: some pre-activations are exactly 0
    x = rng.integers(-2, 3, size=(8, 3)).astype(np.float64)
    W1 = rng.integers(-2, 3, size=(3, 6)).astype(np.float64)
    w2 = rng.normal(size=6)
    z = x @ W1
    zeros = int((z == 0).sum())

    def loss(W):
        return float(np.maximum(x @ W, 0) @ w2 @ np.ones(8))

    # autograd (torch: relu'(0) = 0)
    Wt = torch.tensor(W1, requires_grad=True)
    (torch.relu(torch.tensor(x) @ Wt) @ torch.tensor(w2)).sum().backward()
    g_autograd = Wt.grad.numpy()
    up = np.outer(np.ones(8), w2)                      # d loss / d h
    g_strict = x.T @ (up * (z > 0))                    # mask z > 0: the same convention as torch
    g_loose = x.T @ (up * (z >= 0))                    # mask z >= 0: relu'(0) = 1
    hs = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
    central, forward = [], []
    for h in hs:
        c = np.zeros_like(W1)
        f = np.zeros_like(W1)
        for idx in np.ndindex(*W1.shape):
            Wp, Wm = W1.copy(), W1.copy()
            Wp[idx] += h
            Wm[idx] -= h
            c[idx] = (loss(Wp) - loss(Wm)) / (2 * h)
            f[idx] = (loss(Wp) - loss(W1)) / h
        central.append(float(np.abs(c - g_autograd).max()))
        forward.append(float(np.abs(f - g_autograd).max()))
    gap_loose = float(np.abs(g_loose - g_autograd).max())
    reading = (
        f"With integer inputs and weights, {zeros} of the {z.size} pre-activations are exactly 0. There the ReLU has "
        f"no derivative: PyTorch uses 0, and a hand-written mask z > 0 agrees with autograd to "
        f"{float(np.abs(g_strict - g_autograd).max()):.1e}. A mask z ≥ 0 (ReLU'(0) = 1) is off by {gap_loose:.3g}. "
        f"Finite differences do not settle the question: a central difference straddles the kink and measures the "
        f"average slope 1/2 there, so it stays {central[-1]:.3g} away from autograd (half the z ≥ 0 gap) however "
        f"small the step (h = {hs[-1]:g}); a forward difference measures a one-sided slope, 0 or 1 depending on "
        f"which way the step moves each z, and stays {forward[-1]:.3g} away. A gradient check that "
        f"disagrees only at exact zeros is a convention, not a bug; a judge has to fix the convention (here: "
        f"PyTorch's)."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"exact_zeros": zeros, "gap_mask_ge": gap_loose, "gap_mask_gt": float(np.abs(g_strict - g_autograd).max()),
                 "gap_central_smallest_h": central[-1], "gap_forward_smallest_h": forward[-1]},
        plots=[Plot("largest |numerical − autograd| gradient entry", "step h", "max abs gap",
                    [Series("central difference", hs, central), Series("forward difference", hs, forward)],
                    logx=True)],
    )
