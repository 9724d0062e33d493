def length_of_lis(nums):
    """Length of the longest strictly increasing subsequence of `nums`.

    A LeetCode-style `class Solution: def lengthOfLIS(self, nums)` is accepted too.
    """
    # TODO: tails[k] = smallest possible tail of an increasing subsequence of length k + 1
    raise NotImplementedError
