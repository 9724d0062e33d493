"""Cases for the lower-bound drill. Oracle: a linear scan for the first element >= target
(bisect itself is the forbidden built-in, so the oracle stays independent of it)."""

import random

from mlkata.judge.spec import Case


def oracle(arr, target):
    return next((i for i, v in enumerate(arr) if v >= target), len(arr))


def case(name, arr, target, why=None):
    return Case(name, args=(arr, target), expected=oracle(arr, target), why=why, time_limit=2)


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
