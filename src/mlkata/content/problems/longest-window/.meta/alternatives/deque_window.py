from collections import deque
def longest_window(nums, k):
    w = deque(); s = 0; best = 0
    for x in nums:
        w.append(x); s += x
        while s > k:
            s -= w.popleft()
        best = max(best, len(w))
    return best
