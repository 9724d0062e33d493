from itertools import accumulate


def trap(height):
    left = list(accumulate(height, max))
    right = list(accumulate(reversed(height), max))[::-1]
    return sum(min(l, r) - h for l, r, h in zip(left, right, height))
