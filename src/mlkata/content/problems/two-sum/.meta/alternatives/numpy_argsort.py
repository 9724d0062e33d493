import numpy as np


def two_sum(nums, target):
    # sort positions by value, then two pointers; the indices come back as numpy.int64
    order = np.argsort(nums, kind="stable")
    vals = np.asarray(nums)[order]
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        s = int(vals[lo]) + int(vals[hi])
        if s == target:
            return [order[lo], order[hi]]
        if s < target:
            lo += 1
        else:
            hi -= 1
    return []
