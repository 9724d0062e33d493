def three_sum(nums):
    nums = sorted(nums)  # sorted: duplicates sit side by side and two pointers work
    n = len(nums)
    out = []
    for i in range(n - 2):
        # the same first value again would repeat every triplet it starts: skip it
        if i > 0 and nums[i] == nums[i - 1]:
            continue
        # the smallest value is positive: no triplet from here on can sum to 0
        if nums[i] > 0:
            break
        lo, hi = i + 1, n - 1  # a pair after i summing to -nums[i]
        while lo < hi:
            s = nums[i] + nums[lo] + nums[hi]
            if s < 0:
                lo += 1  # need a bigger sum
            elif s > 0:
                hi -= 1  # need a smaller sum
            else:
                out.append([nums[i], nums[lo], nums[hi]])
                # move both ends past their copies so the same pair is not found twice
                lo += 1
                hi -= 1
                while lo < hi and nums[lo] == nums[lo - 1]:
                    lo += 1
                while lo < hi and nums[hi] == nums[hi + 1]:
                    hi -= 1
    return out
