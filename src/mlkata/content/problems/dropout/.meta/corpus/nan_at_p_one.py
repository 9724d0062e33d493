# expect: p-one-nan
# no special case for p = 1: divides by 1 - p = 0 and returns NaN instead of zeros
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x.copy()
    keep = u >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.float64(1.0) / np.float64(1.0 - p)
        out = np.where(keep, x * scale, x * 0.0 * scale)
    return out.astype(x.dtype)
