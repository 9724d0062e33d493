import numpy as np


def layer_norm(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True, ddof=1)  # divides by d - 1
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
