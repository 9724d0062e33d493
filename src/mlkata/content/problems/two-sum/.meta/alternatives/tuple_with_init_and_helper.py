# a tuple instead of a list, an __init__ and an unused helper method: all fine on LeetCode
from typing import List, Tuple

class Solution:
    def __init__(self):
        self.calls = 0

    def helper(self, nums):
        return {v: i for i, v in enumerate(nums)}

    def twoSum(self, nums: List[int], target: int) -> Tuple[int, int]:
        self.calls += 1
        d = {}
        for i in range(len(nums)):
            c = target - nums[i]
            if c in d:
                return (i, d[c])
            d[nums[i]] = i
        return ()
