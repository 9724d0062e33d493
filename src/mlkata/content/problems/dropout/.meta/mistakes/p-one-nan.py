import numpy as np


def dropout(x, p, u, training=True):
    """Inverted dropout. Drop probability p; element i is kept iff u[i] >= p."""
    if not training:
        return x                                         # eval: the identity, no mask, no scaling
    keep = u >= p                                        # (...) kept with probability 1 - p
    # inverted scaling: E[output] = x, so eval needs no correction; p = 1 keeps nothing
    return (x * keep / (1.0 - p)).astype(x.dtype, copy=False)  # (...) same shape and dtype as x
