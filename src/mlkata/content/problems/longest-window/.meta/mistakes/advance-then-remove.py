def longest_window(nums, k):
    best = total = l = 0
    for r, x in enumerate(nums):
        total += x
        while total > k and l <= r:
            l += 1
            total -= nums[min(l, r)]  # moved first: removes the element after the one that left
        best = max(best, r - l + 1)
    return best
