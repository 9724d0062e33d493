import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """LayerNorm over the last axis of `x` (..., d); gamma, beta (d,). Same shape and dtype as x."""
    # statistics per row, over the feature axis; keepdims so they broadcast back onto the row
    mu = x.mean(axis=-1, keepdims=True)                 # (..., 1)
    # centre first, then average the squares (two passes): no cancellation when |mean| >> spread
    xc = x - mu                                         # (..., d)
    var = (xc * xc).mean(axis=-1, keepdims=True)        # (..., 1), biased: divide by d, not d - 1
    # eps goes inside the root: it bounds the scale factor at 1/sqrt(eps) for constant rows
    x_hat = xc / np.sqrt(var + eps)                     # (..., d), zero mean, unit variance
    # learned per-feature scale and shift, broadcast over the leading dims
    return (gamma * x_hat + beta).astype(x.dtype, copy=False)   # (..., d)
