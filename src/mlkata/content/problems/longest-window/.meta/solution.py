def longest_window(nums, k):
    best = 0
    total = 0  # sum of the window nums[l..r]
    l = 0
    for r, x in enumerate(nums):
        total += x  # expand: the window now ends at r
        # shrink until the sum fits again (values >= 0, so shrinking never raises it)
        while total > k:
            total -= nums[l]  # remove nums[l] BEFORE moving past it
            l += 1
        # [l, r] fits (possibly empty, l == r + 1): it holds r - l + 1 elements
        best = max(best, r - l + 1)
    return best
