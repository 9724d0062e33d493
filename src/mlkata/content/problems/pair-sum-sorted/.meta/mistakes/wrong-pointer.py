def pair_sums(nums, target):
    out = []
    l, r = 0, len(nums) - 1
    while l < r:
        s = nums[l] + nums[r]
        if s == target:
            out.append([nums[l], nums[r]])
            l += 1
            r -= 1
        elif s < target:
            r -= 1  # a smaller sum needs a BIGGER value: move l, not r
        else:
            l += 1
    return out
