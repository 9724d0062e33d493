def search(nums, target):
    """Index of `target` in the rotated sorted list `nums` (distinct values), or -1.

    A LeetCode-style `class Solution: def search(self, nums, target)` is accepted too.
    """
    # TODO: binary search; at every step one half of [lo, hi] is sorted
    raise NotImplementedError
