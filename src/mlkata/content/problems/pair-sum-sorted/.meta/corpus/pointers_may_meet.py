# expect: pairs-with-itself
# loops while l <= r, so a single element equal to target / 2 is paired with itself
def pair_sums(nums, target):
    out = []
    l, r = 0, len(nums) - 1
    while l <= r:
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
