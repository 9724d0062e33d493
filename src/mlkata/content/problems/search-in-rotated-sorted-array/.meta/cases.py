"""Cases for LC 33. Oracle: a dict value -> index of the rotated list (distinct values)."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def rotated(sorted_vals, k):
    return sorted_vals[k:] + sorted_vals[:k]


def case(name, nums, target, why=None):
    return Case(name, args=(nums, target), expected={v: i for i, v in enumerate(nums)}.get(target, -1), why=why)


# LeetCode 33: 1 <= len(nums) <= 5000, values and target in ±10^4, values distinct, an ascending
# array rotated at some pivot
MAX_N, MAX_V = 5000, 10**4


def constraints(case):
    nums, target = case.args
    if not 1 <= len(nums) <= MAX_N:
        return f"len(nums) = {len(nums)} outside 1..{MAX_N}"
    if any(abs(v) > MAX_V for v in nums) or abs(target) > MAX_V:
        return "a value or the target beyond ±10^4"
    if len(set(nums)) != len(nums):
        return "values are not distinct"
    drops = sum(nums[i] > nums[i + 1] for i in range(len(nums) - 1))
    if drops > 1 or (drops == 1 and nums[-1] > nums[0]):
        return "not an ascending array rotated at one pivot"
    return None


def timing_input(n, rng):
    nums = rotated(sorted(rng.sample(range(-MAX_V, MAX_V), n)), rng.randrange(n))
    present = rng.sample(nums, 100)
    have = set(nums)
    absent = [v for v in rng.sample(range(-MAX_V, MAX_V), 400) if v not in have][:100]
    return nums, present + absent


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    for n in case.data["sandbox"]["sizes"]:
        nums, targets = timing_input(n, rng)
        yield from ((nums, t) for t in targets)


def run_growth(entry, case):
    def call(f, inp):
        nums, targets = inp
        for t in targets:
            f(nums, t)
    return measure(entry, make=timing_input, call=call, prepare=lambda inp: (list(inp[0]), inp[1]), **case.data)


def generate():
    rng = random.Random(33)
    yield case("rotated, found right", [6, 8, 0, 2, 4], 2)
    yield case("rotated, absent", [6, 8, 0, 2, 4], 5)
    yield case("two elements", [3, 1], 1, why="mid == lo: the one-element left half is sorted (use <=)")
    yield case("two elements, first", [3, 1], 3)
    yield case("one element, found", [7], 7, why="a closed interval needs while lo <= hi")
    yield case("one element, absent", [7], 2)
    yield case("not rotated", [1, 3, 5, 7, 9, 11], 11)
    yield case("rotated by one", [9, 1, 2, 3, 4, 5, 6, 7], 9)
    yield case("target across the cut", [5, 6, 7, 8, 9, 1, 2, 3], 2,
               why="a plain binary search goes left here and misses")
    for n in (50, 5000):
        vals = sorted(rng.sample(range(-10**4, 10**4), n))
        nums = rotated(vals, rng.randrange(n))
        for k in range(3):
            t = rng.choice(nums) if k < 2 else rng.randrange(-10**4, 10**4)
            yield case(f"random n={n} #{k + 1}", nums, t)
    # every position of a small rotated array, every rotation
    vals = [-4, -1, 0, 3, 8, 10, 12]
    for k in range(len(vals)):
        nums = rotated(vals, k)
        for t in sorted({nums[0], nums[-1], nums[len(vals) // 2], 5}):
            yield case(f"rotation {k}, target {t}", nums, t)
    sizes = [312, 625, 1250, 2500, 5000]
    yield Case("growth: 200 searches at n = 312 … 5000", tier="edge", run="run_growth", check="check_growth",
               expected="log n", data={"target": "log n", "sandbox": {"sizes": sizes, "target": "log n", "budget": 1.5, "seed": 3}},
               summary="timing run: 100 present + 100 absent targets", time_limit=20,
               why="speed: a scan is O(n) per search; binary search is O(log n)")
