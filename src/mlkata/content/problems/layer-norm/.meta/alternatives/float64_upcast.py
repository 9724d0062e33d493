# Correct: computes in float64 and casts back to the input dtype.
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-6):
    x64 = x.astype(np.float64)
    mu = x64.mean(axis=-1, keepdims=True)
    var = ((x64 - mu) ** 2).mean(axis=-1, keepdims=True)
    y = (x64 - mu) / np.sqrt(var + eps) * gamma.astype(np.float64) + beta.astype(np.float64)
    return y.astype(x.dtype)
