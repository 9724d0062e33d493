# expect: boundary-dropped
# keeps an element only when u > p, so an element with u exactly equal to p is dropped
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x
    if p >= 1.0:
        return np.zeros_like(x)
    mask = (u > p).astype(x.dtype)
    return x * mask / (1.0 - p)
