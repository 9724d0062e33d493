"""Cases for LC 15. Oracle: itertools.combinations over positions, values as sorted tuples in a
set (a different formulation from the two-pointer reference). Comparison as LeetCode: the
triplets as a multiset, each triplet's inner order free."""

import itertools
import numbers
import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(nums):
    return sorted({tuple(sorted(t)) for t in itertools.combinations(nums, 3) if sum(t) == 0})


def check_triplets(case, got, ctx):
    import numpy as np

    # LeetCode serialises any collection of triplets: a set of tuples is accepted there too;
    # an (m, 3) integer array (np.unique(..., axis=0)) or a list of length-3 arrays is the same answer
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu" and (got.size == 0 or (got.ndim == 2 and got.shape[1] == 3)):
        got = got.reshape(-1, 3).tolist()
    if isinstance(got, (list, tuple)):
        got = [t.tolist() if isinstance(t, np.ndarray) and t.shape == (3,) and t.dtype.kind in "iu" else t for t in got]
    if not isinstance(got, (list, tuple, set, frozenset)):
        return f"expected a list of triplets, got {type(got).__name__}"
    canon = []
    for t in got:
        if not isinstance(t, (list, tuple)) or len(t) != 3:
            return f"every triplet must hold 3 values, got {t!r}"
        if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in t):
            return f"a triplet holds values of nums (integers), got {t!r}"
        canon.append(tuple(sorted(t)))
    expected = [tuple(t) for t in case.expected]
    dup = next((t for t in canon if canon.count(t) > 1), None)
    if dup is not None:
        return f"the triplet {list(dup)} is reported {canon.count(dup)} times; each set of values once"
    extra = sorted(set(canon) - set(expected))
    if extra:
        return f"{list(extra[0])} is not a valid triplet of these numbers (sum {sum(extra[0])}, or a value used more often than it occurs)"
    missing = sorted(set(expected) - set(canon))
    if missing:
        return f"missing {len(missing)} of {len(expected)} triplets, e.g. {list(missing[0])}"
    return None


def case(name, nums, why=None):
    return Case(name, args=(nums,), expected=[list(t) for t in oracle(nums)], check="check_triplets", why=why)


# LeetCode 15: 3 <= len(nums) <= 3000, |nums[i]| <= 10^5
def constraints(case):
    (nums,) = case.args
    if not 3 <= len(nums) <= 3000:
        return f"len(nums) = {len(nums)} outside 3..3000"
    if any(abs(v) > 10**5 for v in nums):
        return "a value beyond ±10^5"
    return None


def random_values(n, rng):
    return [rng.randint(-10**5, 10**5) for _ in range(n)]


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(random_values(n, rng),) for n in case.data["sandbox"]["sizes"]]


def run_growth(entry, case):
    return measure(entry, make=random_values,
                   call=lambda f, nums: f(nums), prepare=list, **case.data)


def generate():
    rng = random.Random(15)
    yield case("small", [2, -1, 0, -1, 1, -4], why="[-1, -1, 2] uses both -1s; [-1, 0, 1] must appear once")
    yield case("all zeros", [0, 0, 0, 0], why="one triplet [0, 0, 0], not four")
    yield case("none", [1, 2, -2, -1], why="no triplet: an empty list")
    yield case("exactly three", [3, -5, 2])
    yield case("zeros among others", [0, 0, 0, -1, 1, 5], why="[0, 0, 0] needs the loop to go on while nums[i] == 0 (stop only when nums[i] > 0)")
    yield case("a value needed twice", [-2, 1, 4, 0, 2, -6], why="[-2, -2, 4] is not allowed with a single -2")
    yield case("many duplicates", [-1, -1, -1, 0, 0, 1, 1, 1, 2, 2, -2, -2])
    for n in (30, 120):
        yield case(f"random, n={n}", [rng.randint(-12, 12) for _ in range(n)])
    sizes = [100, 200, 400, 800, 1600]
    yield Case("growth: time at n = 100 … 1600", tier="edge", run="run_growth", check="check_growth",
               expected="n^2", data={"target": "n^2", "sandbox": {"sizes": sizes, "target": "n^2", "budget": 3.0, "seed": 9}},
               summary="timing run: random values in ±10⁵", time_limit=25,
               why="speed: the triple loop is O(n³); sorting plus two pointers is O(n²)")
