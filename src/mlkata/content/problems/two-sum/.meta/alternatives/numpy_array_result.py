"""A hash map, returning the pair as a 1-D NumPy array (accepted like a list)."""

import numpy as np


def two_sum(nums, target):
    seen = {}  # value -> index of its first occurrence
    for i, v in enumerate(nums):
        if target - v in seen:  # the partner came earlier: never the same entry
            return np.array([seen[target - v], i])
        seen[v] = i
