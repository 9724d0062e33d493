"""Cases for the lower-bound drill. Oracle: a linear scan for the first element >= target
(bisect itself is the forbidden built-in, so the oracle stays independent of it)."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(arr, target):
    return next((i for i, v in enumerate(arr) if v >= target), len(arr))


def case(name, arr, target, why=None):
    return Case(name, args=(arr, target), expected=oracle(arr, target), why=why, time_limit=2)


def timing_input(n, rng):
    arr = sorted(rng.randrange(-4 * n, 4 * n) for _ in range(n))
    return arr, [rng.randrange(-4 * n - 5, 4 * n + 5) for _ in range(200)]


def run_growth(entry, case):
    def call(f, inp):
        arr, targets = inp
        for t in targets:
            f(arr, t)
    return measure(entry, make=timing_input, call=call, **case.data)


def generate():
    rng = random.Random(7)
    yield case("duplicates, present", [1, 3, 3, 3, 8], 3, why="the FIRST of the equal elements")
    yield case("absent, in the middle", [1, 3, 3, 3, 8], 4)
    yield case("larger than all", [1, 3, 3, 3, 8], 9, why="every element is smaller: len(arr)")
    yield case("smaller than all", [5, 6, 7], -2)
    yield case("empty", [], 1, why="an empty list: 0")
    yield case("one element, equal", [4], 4)
    yield case("all equal", [2, 2, 2, 2], 2)
    for n in (30, 1000):
        arr = sorted(rng.randint(-n, n) for _ in range(n))
        for j, t in enumerate((rng.choice(arr), rng.randint(-n, n), n + 5)):
            yield case(f"random n={n} #{j + 1}", arr, t)
    sizes = [2048, 4096, 8192, 16384, 32768]
    yield Case("growth: 200 searches at n = 2048 … 32768", tier="edge", run="run_growth", check="check_growth",
               expected="log n", data={"target": "log n", "sandbox": {"sizes": sizes, "target": "log n", "budget": 1.5, "seed": 4}},
               summary="timing run: 200 targets per size", time_limit=20,
               why="speed: a scan is O(n) per search; halving the interval is O(log n)")
