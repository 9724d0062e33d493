"""Sort by start with NumPy and return an (m, 2) integer array (accepted like a list)."""

import numpy as np


def merge(intervals):
    a = np.array(intervals)                      # (n, 2)
    a = a[np.argsort(a[:, 0], kind="stable")]    # by start
    out = [a[0].copy()]
    for s, e in a[1:]:
        if s <= out[-1][1]:                      # overlaps or touches the last merged one
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append(np.array([s, e]))
    return np.array(out)                         # (m, 2)
