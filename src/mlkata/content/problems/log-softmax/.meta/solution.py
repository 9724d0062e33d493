import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    """log(softmax(x)) along the last axis, computed in log space; same shape and dtype as x."""
    # shift each row by its max: exp never overflows and at least one term of the sum is 1
    m = x.max(axis=-1, keepdims=True)                                    # (..., 1)
    shifted = x - m                                                      # (..., C), max entry 0
    # float16 sums overflow past 65504 on wide rows: accumulate in float32
    acc = np.float32 if x.dtype == np.float16 else x.dtype
    # the sum is >= 1, so its log is finite: no log(0) even when a probability underflows
    log_z = np.log(np.exp(shifted).sum(axis=-1, keepdims=True, dtype=acc))   # (..., 1)
    # log p = (x - m) - log sum exp(x - m): stays finite where softmax itself would be 0
    return (shifted - log_z).astype(x.dtype, copy=False)                 # (..., C)
