import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    xf = x.astype(np.float32) if x.dtype == np.float16 else x
    rms = np.sqrt((xf * xf).mean(axis=-1, keepdims=True))
    return (gamma * xf / (rms + eps)).astype(x.dtype)  # the sheet's §1.5 form: eps outside the root
