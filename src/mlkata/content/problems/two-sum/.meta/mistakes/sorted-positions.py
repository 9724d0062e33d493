def two_sum(nums, target):
    s = sorted(nums)
    lo, hi = 0, len(s) - 1
    while lo < hi:
        t = s[lo] + s[hi]
        if t == target:
            return [lo, hi]  # positions in the sorted copy, not in nums
        if t < target:
            lo += 1
        else:
            hi -= 1
