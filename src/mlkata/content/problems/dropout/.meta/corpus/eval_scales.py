# expect: none
# at eval multiplies by (1 - p) as in the original non-inverted dropout, though training already rescaled
import numpy as np


def dropout(x, p, u, training=True):
    keep_prob = 1.0 - p
    if training:
        if keep_prob == 0:
            return np.zeros_like(x)
        return np.where(u >= p, x / keep_prob, 0).astype(x.dtype)
    return (x * keep_prob).astype(x.dtype)
