def two_sum(nums, target):
    """Indices [i, j] (i != j) with nums[i] + nums[j] == target, in any order.

    A LeetCode-style `class Solution: def twoSum(self, nums, target)` is accepted too.
    """
    # TODO: one pass, remembering where each value was seen
    raise NotImplementedError
