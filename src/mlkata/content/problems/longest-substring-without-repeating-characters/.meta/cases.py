"""Cases for LC 3. Oracle: every substring checked with a set (cubic; small inputs only)."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(s):
    best = 0
    for i in range(len(s)):
        for j in range(i, len(s)):
            if len(set(s[i:j + 1])) == j - i + 1:
                best = max(best, j - i + 1)
    return best


def case(name, s, why=None):
    return Case(name, args=(s,), expected=oracle(s), why=why, summary=repr(s) if len(s) <= 30 else f"str of {len(s)}")


def distinct_chars(n, rng):
    # n different characters (CJK block and beyond): no repeat at all, the worst case for rescans
    chars = [chr(0x4E00 + k) for k in range(n)]
    rng.shuffle(chars)
    return "".join(chars)


def run_growth(entry, case):
    return measure(entry, make=distinct_chars, call=lambda f, s: f(s), **case.data)


def generate():
    rng = random.Random(3)
    yield case("empty", "")
    yield case("one space", " ", why="a space is a character like any other")
    yield case("all the same", "kkkkk")
    yield case("dvdf", "dvdf", why="after a repeat keep what follows the earlier copy: 'vdf'")
    yield case("abba", "abba", why="the left edge must never move backwards")
    yield case("tmmzuxt", "tmmzuxt", why="a repeat from before the window does not shrink it")
    yield case("no repeat", "qwerty", why="the whole string: length r - l + 1 at the end")
    yield case("abcabcbb-like", "xyzxyzyy")
    for n in (40, 300):
        s = "".join(rng.choice("abcdefghij") for _ in range(n))
        yield case(f"random, 10 letters, n={n}", s)
    s = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 !?") for _ in range(200))
    yield case("random printable, n=200", s)
    sizes = [500, 1000, 2000, 4000, 8000]
    yield Case("growth: time at n = 500 … 8000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "target": "n", "budget": 1.5, "seed": 5}},
               summary="timing run: n distinct characters", time_limit=20,
               why="speed: rescanning from every start is O(n²) on a large alphabet; a window is O(n)")
