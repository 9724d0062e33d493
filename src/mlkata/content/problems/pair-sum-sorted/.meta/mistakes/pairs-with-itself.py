def pair_sums(nums, target):
    out = []
    l, r = 0, len(nums) - 1
    while l <= r:  # l == r pairs an element with itself
        s = nums[l] + nums[r]
        if s == target:
            out.append([nums[l], nums[r]])
            l += 1
            r -= 1
        elif s < target:
            l += 1
        else:
            r -= 1
    return out
