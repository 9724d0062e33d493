import numpy as np


def dropout(x, p, u, training=True):
    """Inverted dropout. Drop probability p; element i is kept iff u[i] >= p."""
    if not training:
        return (x / (1.0 - p)).astype(x.dtype)           # eval: scaled 'to match training'
    keep = u >= p                                        # (...) kept with probability 1 - p
    # inverted scaling: E[output] = x, so eval needs no correction; p = 1 keeps nothing
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    return (x * keep * scale).astype(x.dtype, copy=False)  # (...) same shape and dtype as x
