def longest_window(nums, k):
    best = total = l = 0
    for r, x in enumerate(nums):
        total += x
        if total > k:  # starts a new window at r instead of dropping elements from the left
            l, total = (r, x) if x <= k else (r + 1, 0)
        best = max(best, r - l + 1)
    return best
