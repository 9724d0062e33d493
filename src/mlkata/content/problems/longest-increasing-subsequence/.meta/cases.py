"""Cases for LC 300. Oracle: the LIS is the longest common subsequence of nums and its sorted
distinct values (an O(n·m) LCS table, unrelated to the reference's tails array)."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(nums):
    vals = sorted(set(nums))
    prev = [0] * (len(vals) + 1)
    for x in nums:
        cur = [0] * (len(vals) + 1)
        for j, v in enumerate(vals, 1):
            cur[j] = prev[j - 1] + 1 if x == v else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def case(name, nums, why=None):
    return Case(name, args=(nums,), expected=oracle(nums), why=why,
                summary=repr(nums) if len(nums) <= 10 else f"list of {len(nums)}")


# LeetCode 300: 1 <= n <= 2500, |nums[i]| <= 10^4
def constraints(case):
    (nums,) = case.args
    if not 1 <= len(nums) <= 2500:
        return f"n = {len(nums)} outside 1..2500"
    if any(abs(v) > 10**4 for v in nums):
        return "a value beyond ±10^4"
    return None


def random_values(n, rng):
    return [rng.randint(-10**4, 10**4) for _ in range(n)]


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(random_values(n, rng),) for n in case.data["sandbox"]["sizes"]]


def run_growth(entry, case):
    return measure(entry, make=random_values,
                   call=lambda f, nums: f(nums), prepare=list, **case.data)


def generate():
    rng = random.Random(300)
    yield case("example", [5, 1, 6, 2, 3, 9, 4])
    yield case("all equal", [7, 7, 7], why="equal values do not increase")
    yield case("one element", [42])
    yield case("decreasing", [9, 7, 4, 2, -1])
    yield case("increasing", [-3, 0, 1, 8, 20])
    yield case("skips needed", [1, 5, 2, 3], why="a subsequence may skip the 5")
    yield case("best ends early", [3, 4, 5, 6, 1], why="the longest one need not end at the last element")
    yield case("plateaus", [1, 3, 3, 3, 2, 4, 4, 5])
    for n in (30, 300):
        yield case(f"random n={n}", [rng.randint(-50, 50) for _ in range(n)])
    yield case("random n=2500 (max)", [rng.randint(-10**4, 10**4) for _ in range(2500)])
    sizes = [156, 312, 625, 1250, 2500]
    yield Case("growth: time at n = 156 … 2500", tier="edge", run="run_growth", check="check_growth",
               expected="n log n", data={"target": "n log n", "sandbox": {"sizes": sizes, "target": "n log n", "budget": 1.5, "seed": 2}},
               summary="timing run: random values in ±10⁴", time_limit=20,
               why="speed: the DP over all earlier j is O(n²); tails + binary search is O(n log n)")
