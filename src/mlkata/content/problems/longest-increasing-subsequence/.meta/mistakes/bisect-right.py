from bisect import bisect_right


def length_of_lis(nums):
    tails = []
    for x in nums:
        k = bisect_right(tails, x)  # lets equal values extend: non-decreasing, not increasing
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)
