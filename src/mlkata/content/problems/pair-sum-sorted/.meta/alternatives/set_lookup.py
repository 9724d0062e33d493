def pair_sums(nums, target):
    s = set(nums)
    return [[a, target - a] for a in nums if a < target - a and target - a in s]
