import numpy as np


def dropout(x, p, u, training=True):
    """Inverted dropout of x with drop probability p.

    u: float64 array shaped like x, uniform in [0, 1): element i is kept iff u[i] >= p.
    Training: kept elements are scaled by 1 / (1 - p), the others are 0. Eval: x unchanged.
    """
    # TODO
    raise NotImplementedError
