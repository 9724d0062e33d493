def longest_window(nums, k):
    best = total = l = 0
    for r, x in enumerate(nums):
        total += x
        while total >= k and l <= r:  # a sum equal to k is allowed: shrink only while it is > k
            total -= nums[l]
            l += 1
        best = max(best, r - l + 1)
    return best
