"""Cases for the sliding-window drill. Oracle: every window checked with prefix sums."""

import random
from itertools import accumulate

from mlkata.judge.spec import Case


def oracle(nums, k):
    pre = [0] + list(accumulate(nums))
    return max((j - i for i in range(len(nums) + 1) for j in range(i, len(nums) + 1) if pre[j] - pre[i] <= k), default=0)


def case(name, nums, k, why=None):
    return Case(name, args=(nums, k), expected=oracle(nums, k), why=why)


def generate():
    rng = random.Random(6)
    yield case("example", [2, 1, 3, 1, 1, 4], 5, why="[3, 1, 1] sums to exactly 5: allowed")
    yield case("everything fits", [1, 1, 1], 10)
    yield case("nothing fits", [7, 8, 9], 5, why="no element fits: 0")
    yield case("empty", [], 3)
    yield case("zeros", [0, 0, 5, 0, 0, 0], 0, why="zeros add nothing: a window of three zeros")
    yield case("big element in the middle", [1, 2, 9, 1, 1, 1, 1], 4)
    yield case("exact sums", [4, 1, 1, 4, 2, 2], 6)
    yield case("shrink, do not restart", [4, 1, 1, 1, 3], 6,
               why="at the 3 the sum is 7: drop the 4, keep [1, 1, 1, 3]")
    yield case("ones between zeros, k = 1", [1, 0, 1, 0, 1], 1,
               why="a window may reach the bound exactly: [0, 1, 0] sums to 1")
    for n in (25, 400):
        nums = [rng.randint(0, 9) for _ in range(n)]
        yield case(f"random n={n}", nums, rng.randint(5, 40))
