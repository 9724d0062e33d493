import numpy as np


def dropout(x, p, u, training=True):
    """Inverted dropout. Drop probability p; element i is kept iff u[i] >= p."""
    if not training:
        return x                                         # eval: the identity, no mask, no scaling
    keep = u < p                                         # (...) p read as the KEEP probability
    # inverted scaling: E[output] = x, so eval needs no correction; p = 1 keeps nothing
    scale = 1.0 / p if p > 0 else 0.0
    return (x * keep * scale).astype(x.dtype, copy=False)  # (...) same shape and dtype as x
