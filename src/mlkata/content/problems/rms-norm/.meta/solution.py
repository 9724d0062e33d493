import numpy as np


def rms_norm(x: np.ndarray, gamma: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """RMSNorm over the last axis of `x` (..., d); gamma (d,). Same shape and dtype as x."""
    # float16 squares overflow past 65504 (|x| > 256): accumulate in float32 there
    xf = x.astype(np.float32) if x.dtype == np.float16 else x     # (..., d)
    # mean square per row, no centring: RMSNorm only rescales
    ms = (xf * xf).mean(axis=-1, keepdims=True)                   # (..., 1)
    # eps inside the root (PyTorch F.rms_norm, LLaMA): bounded scale even for tiny rows
    y = xf / np.sqrt(ms + eps)                                    # (..., d), unit RMS
    # learned per-feature gain
    return (gamma * y).astype(x.dtype, copy=False)                # (..., d)
