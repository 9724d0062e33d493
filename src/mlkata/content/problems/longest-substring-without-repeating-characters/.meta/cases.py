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


# LeetCode 3: 0 <= len(s) <= 5 * 10^4; English letters, digits, symbols and spaces (printable ASCII)
MAX_LEN = 50_000
ALPHABET = "".join(chr(c) for c in range(32, 127))


def constraints(case):
    (s,) = case.args
    if len(s) > MAX_LEN:
        return f"len(s) = {len(s)} > {MAX_LEN}"
    bad = sorted(set(s) - set(ALPHABET))
    if bad:
        return f"characters outside LeetCode's alphabet (letters, digits, symbols, space): {bad[:5]!r}"
    return None


def long_windows(n, rng):
    # the whole alphabet, reshuffled block after block: windows of up to 95 characters everywhere
    out = []
    while len(out) < n:
        block = list(ALPHABET)
        rng.shuffle(block)
        out += block
    return "".join(out[:n])


def run_growth(entry, case):
    return measure(entry, make=long_windows, call=lambda f, s: f(s), **case.data)


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    data = case.data["sandbox"]
    return [(long_windows(n, rng),) for n in data["sizes"] + data.get("more", [])]


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
    # 16000 and 32000 (within LeetCode's 5 * 10^4) are timed only when the first fit is borderline:
    # a copy of the prefix per step (Θ(n²), tiny constant) measures a slope ~1.5 up to 8000, ~1.9 above
    sizes, more = [500, 1000, 2000, 4000, 8000], [16000, 32000]
    yield Case("growth: time at n = 500 … 8000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "more": more, "target": "n", "budget": 1.5,
                                                             "seed": 5}},
               summary="timing run: the 95 printable characters, reshuffled block after block", time_limit=20,
               why="speed: scanning to the end of the string from every start is O(n²); a window is O(n)")
