import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax along the last axis of `x`; same shape and dtype as `x`."""
    # shift each row by its max: exp never sees a positive argument, so it cannot overflow
    shifted = x - x.max(axis=-1, keepdims=True)   # (..., C), max entry 0
    e = np.exp(shifted)                            # (..., C), in (0, 1]
    # float16 sums overflow past 65504 on wide rows: accumulate in float32
    acc = np.float32 if x.dtype == np.float16 else x.dtype
    total = e.sum(axis=-1, keepdims=True, dtype=acc)  # (..., 1), >= 1: no division by zero
    return (e / total).astype(x.dtype, copy=False)    # (..., C)
