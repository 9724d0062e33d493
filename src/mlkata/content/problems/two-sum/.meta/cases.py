"""Cases for `two-sum`. Oracle: a check that the two indices differ, are in range and add up
(LeetCode accepts any valid pair in any order); the pair is unique by construction, found by
brute force over all pairs on small inputs."""

import numbers
import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def all_pairs(nums, target):
    return [[i, j] for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target]


def check_pair(case, got, ctx):
    nums, target = case.args
    if getattr(got, "ndim", None) == 1 and getattr(got, "dtype", None) is not None and got.dtype.kind in "iu":
        got = list(got)  # a 1-D NumPy array of two indices is the same answer
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        return f"expected a list of two indices, got {got!r}"
    i, j = got
    # any integer type (a NumPy argsort gives numpy.int64), never a bool
    if not all(isinstance(k, numbers.Integral) and not isinstance(k, bool) for k in (i, j)):
        return f"indices must be integers, got {got!r}"
    i, j = int(i), int(j)
    if not (0 <= i < len(nums) and 0 <= j < len(nums)):
        return f"index out of range in {got!r} (len(nums) = {len(nums)})"
    if i == j:
        return f"{got!r} uses the same entry twice"
    if nums[i] + nums[j] != target:
        return f"nums[{i}] + nums[{j}] = {nums[i] + nums[j]}, not {target}; a valid answer is {case.expected}"
    return None


# LeetCode 1: 2 <= len(nums) <= 10^4, |nums[i]| <= 10^9, |target| <= 10^9, exactly one answer
MAX_N, MAX_V = 10**4, 10**9


def constraints(case):
    nums, target = case.args
    if not 2 <= len(nums) <= MAX_N:
        return f"len(nums) = {len(nums)} outside 2..{MAX_N}"
    if any(abs(v) > MAX_V for v in nums) or abs(target) > MAX_V:
        return f"a value or the target beyond ±10^9"
    seen, pairs = {}, 0
    for v in nums:  # the number of valid pairs, counted in O(n)
        pairs += seen.get(target - v, 0)
        seen[v] = seen.get(v, 0) + 1
    if pairs != 1:
        return f"{pairs} valid pairs (LeetCode: exactly one)"
    return None


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [unique_instance(n, rng) for n in case.data["sandbox"]["sizes"]]


def unique_instance(n, rng, lo=-10**9, hi=10**9):
    """n distinct-ish numbers with exactly one pair summing to an odd target, at the end
    (the pair drawn from half the range: the target stays within ±10^9 too)."""
    b = rng.randrange(lo // 4, hi // 4) * 2                # even
    a = rng.randrange(lo // 4, hi // 4) * 2 + 1            # odd: a + (even) is odd
    evens = set()
    while len(evens) < n - 2:
        x = rng.randrange(lo // 2, hi // 2) * 2
        if x != b:
            evens.add(x)
    nums = list(evens)
    rng.shuffle(nums)
    return nums + [a, b], a + b  # the only pair is (a, b): any other sum is even or a + x != a + b


def case(name, nums, target, why=None):
    pairs = all_pairs(nums, target)
    assert len(pairs) == 1, (name, pairs)
    return Case(name, args=(nums, target), expected=pairs[0], check="check_pair", why=why)


def run_growth(entry, case):
    return measure(entry, make=lambda n, rng: unique_instance(n, rng), call=lambda f, inp: f(*inp),
                   prepare=lambda inp: (list(inp[0]), inp[1]), **case.data)


def generate():
    rng = random.Random(1)
    yield case("small", [4, 9, 1, 6], 15)
    yield case("target twice a value", [3, 2, 4], 6, why="3 + 3 = 6 but there is only one 3: never pair an entry with itself")
    yield case("equal values", [5, 5], 10, why="two equal numbers are two different entries")
    yield case("negatives and zero", [-7, 0, 12, -3, 8], -10)
    yield case("unsorted, first and last", [10, 3, -2, 8, 1, 7], 17,
               why="positions in the original order, not in a sorted copy")
    yield case("values ≠ indices", [30, 41, 52, 63], 104, why="return positions, not the numbers")
    for k, n in enumerate((50, 2000)):
        nums, target = unique_instance(n, rng)
        yield case(f"random, n={n}", nums, target)
    sizes = [625, 1250, 2500, 5000, 10000]
    yield Case("growth: time at n = 625 … 10000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "target": "n", "budget": 1.5, "seed": 7}},
               summary="timing run: one pair, at the end", time_limit=20,
               why="speed: the double loop is O(n²); a hash map is O(n)")
