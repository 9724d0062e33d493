def longest_window(nums, k):
    best = total = l = 0
    for r, x in enumerate(nums):
        total += x
        while total > k:
            total -= nums[l]
            l += 1
        best = max(best, r - l)  # [l, r] holds r - l + 1 elements
    return best
