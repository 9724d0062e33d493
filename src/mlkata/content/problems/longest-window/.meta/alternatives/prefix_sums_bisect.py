from bisect import bisect_left
from itertools import accumulate
def longest_window(nums, k):
    pre = [0] + list(accumulate(nums))
    best = 0
    for r in range(1, len(pre)):
        l = bisect_left(pre, pre[r] - k)
        best = max(best, r - l)
    return best
