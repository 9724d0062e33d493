from typing import List, Tuple
def pair_sums(nums: List[int], target: int) -> List[Tuple[int, int]]:
    res = []
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total < target:
            lo += 1
        elif total > target:
            hi -= 1
        else:
            res.append((nums[lo], nums[hi]))
            lo += 1
    return res
