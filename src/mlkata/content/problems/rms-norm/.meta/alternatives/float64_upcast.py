# Correct: computes in float64 and casts back to the input dtype.
import numpy as np


def rms_norm(x, gamma, eps=1e-6):
    x64 = x.astype(np.float64)
    rms = np.sqrt(np.mean(x64 ** 2, axis=-1, keepdims=True) + eps)
    return (gamma.astype(np.float64) * x64 / rms).astype(x.dtype)
