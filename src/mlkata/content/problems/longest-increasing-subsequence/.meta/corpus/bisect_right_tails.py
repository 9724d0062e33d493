# expect: bisect-right
# patience sorting with bisect_right: equal values extend the sequence, so it counts non-decreasing subsequences
from bisect import bisect_right


def length_of_lis(nums):
    tails = []
    for x in nums:
        i = bisect_right(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
