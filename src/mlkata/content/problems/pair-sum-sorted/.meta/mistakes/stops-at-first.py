def pair_sums(nums, target):
    l, r = 0, len(nums) - 1
    while l < r:
        s = nums[l] + nums[r]
        if s == target:
            return [[nums[l], nums[r]]]  # returns after the first pair
        if s < target:
            l += 1
        else:
            r -= 1
    return []
