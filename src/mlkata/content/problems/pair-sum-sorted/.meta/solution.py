def pair_sums(nums, target):
    out = []
    l, r = 0, len(nums) - 1
    while l < r:  # l == r would pair an element with itself
        s = nums[l] + nums[r]
        if s == target:
            out.append([nums[l], nums[r]])
            # values are distinct: neither end can be part of another pair, move both
            l += 1
            r -= 1
        elif s < target:
            l += 1  # the smallest value is too small for every remaining partner
        else:
            r -= 1  # the largest value is too large for every remaining partner
    return out
