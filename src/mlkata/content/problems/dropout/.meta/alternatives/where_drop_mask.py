# Correct: the drop mask (u < p) and np.where, p = 1 handled by its own branch.
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x.copy()
    if p >= 1:
        return np.zeros_like(x)
    return np.where(u < p, np.zeros_like(x), x / x.dtype.type(1 - p))
