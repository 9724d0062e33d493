"""Two pointers collecting every hit, duplicates removed at the end with np.unique over rows;
returns an (m, 3) integer array."""

import numpy as np


def three_sum(nums):
    nums = sorted(nums)
    hits = []
    for i in range(len(nums) - 2):
        lo, hi = i + 1, len(nums) - 1
        while lo < hi:                                   # pairs summing to -nums[i] in the sorted tail
            s = nums[i] + nums[lo] + nums[hi]
            if s == 0:
                hits.append((nums[i], nums[lo], nums[hi]))
                lo += 1
                hi -= 1
            elif s < 0:
                lo += 1
            else:
                hi -= 1
    # each triplet is already sorted, so equal value sets are equal rows
    return np.unique(np.array(hits, dtype=np.int64).reshape(-1, 3), axis=0)   # (m, 3)
