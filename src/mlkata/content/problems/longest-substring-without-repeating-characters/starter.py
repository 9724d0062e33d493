def length_of_longest_substring(s):
    """Length of the longest substring of `s` without a repeated character.

    A LeetCode-style `class Solution: def lengthOfLongestSubstring(self, s)` is accepted too.
    """
    # TODO: a sliding window [l, r] that never holds a character twice
    raise NotImplementedError
