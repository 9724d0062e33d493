def three_sum(nums):
    """All distinct value triplets [a, b, c] from different positions with a + b + c == 0.

    A LeetCode-style `class Solution: def threeSum(self, nums)` is accepted too.
    """
    # TODO: sort, fix the first value, then two pointers on the rest
    raise NotImplementedError
