from bisect import bisect_left


def length_of_lis(nums):
    # tails[k]: the smallest last value of any increasing subsequence of length k + 1
    # (kept sorted, so it can be binary searched)
    tails = []
    for x in nums:
        # first tail >= x; bisect_left so an equal value replaces it (strictly increasing)
        k = bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)  # x extends the longest subsequence so far
        else:
            tails[k] = x  # a smaller tail for length k + 1: easier to extend later
    return len(tails)
