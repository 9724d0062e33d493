"""Cases for LC 42. Oracle: fill level by level (for each water level y, the cells below y that
lie strictly between the first and last bars reaching y), unrelated to the reference's two
pointers; heights are kept small so the level count stays cheap."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(height):
    total = 0
    for y in range(1, max(height) + 1):
        walls = [i for i, h in enumerate(height) if h >= y]
        total += sum(1 for i in range(walls[0], walls[-1]) if height[i] < y)
    return total


def case(name, height, why=None):
    return Case(name, args=(height,), expected=oracle(height), why=why,
                summary=repr(height) if len(height) <= 12 else f"{len(height)} bars")


# LeetCode 42: 1 <= n <= 2 * 10^4, 0 <= height[i] <= 10^5
def constraints(case):
    (height,) = case.args
    if not 1 <= len(height) <= 2 * 10**4:
        return f"n = {len(height)} outside 1..20000"
    if any(not 0 <= h <= 10**5 for h in height):
        return "a height outside 0..10^5"
    return None


def random_heights(n, rng):
    return [rng.randint(0, 10**5) for _ in range(n)]


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(random_heights(n, rng),) for n in case.data["sandbox"]["sizes"]]


def run_growth(entry, case):
    return measure(entry, make=random_heights,
                   call=lambda f, h: f(h), prepare=list, **case.data)


def generate():
    rng = random.Random(42)
    yield case("example", [3, 0, 1, 0, 4, 0, 2])
    yield case("one bar", [5])
    yield case("flat", [2, 2, 2, 2])
    yield case("valley", [4, 1, 1, 4])
    yield case("rising", [0, 1, 2, 3, 4], why="no right wall: nothing is held")
    yield case("falling after a peak", [1, 0, 5, 2, 1, 0], why="nothing past the last tall bar")
    yield case("peak in the middle", [2, 0, 9, 0, 2], why="the peak itself holds no water")
    yield case("two basins", [5, 2, 3, 1, 6, 0, 0, 4, 1, 2])
    yield case("zeros", [0, 0, 0])
    for n in (40, 2000):
        yield case(f"random n={n}", [rng.randint(0, 30) for _ in range(n)])
    sizes = [1000, 2000, 4000, 8000, 16000]
    yield Case("growth: time at n = 1000 … 16000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "target": "n", "budget": 1.5, "seed": 11}},
               summary="timing run: random heights in [0, 10⁵]", time_limit=20,
               why="speed: rescanning both sides for each bar is O(n²); two pointers are O(n)")
