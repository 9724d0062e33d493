def length_of_lis(nums):
    best = run = 1
    for a, b in zip(nums, nums[1:]):
        run = run + 1 if b > a else 1  # a contiguous run, not a subsequence
        best = max(best, run)
    return best
