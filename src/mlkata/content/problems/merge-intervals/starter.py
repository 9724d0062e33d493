def merge(intervals):
    """Merge overlapping (or touching) closed intervals; return them in any order (sorted by start is usual).

    A LeetCode-style `class Solution: def merge(self, intervals)` is accepted too.
    """
    # TODO: sort by start, then sweep once
    raise NotImplementedError
