import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    xf = x.astype(np.float32) if x.dtype == np.float16 else x
    return (xf / np.sqrt((xf * xf).mean(axis=-1, keepdims=True) + eps)).astype(x.dtype)  # gain never applied
