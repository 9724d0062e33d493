"""Cases for LC 56. Oracle: cover doubled integer coordinates on a number line and read back
the covered runs (touching closed intervals share a point; a gap of one between 2 and 3 stays
a gap because coordinates are doubled). Expected order: sorted by start, as LeetCode prints;
the check hook accepts the merged intervals in any order, as LeetCode's judge does (its own
connected-components solution returns them in input order), lists or tuples alike."""

import numbers
import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(intervals):
    hi = max(e for _, e in intervals)
    covered = [False] * (2 * hi + 2)
    for s, e in intervals:
        for x in range(2 * s, 2 * e + 1):
            covered[x] = True
    out, x = [], 0
    while x < len(covered):
        if covered[x]:
            y = x
            while covered[y + 1]:
                y += 1
            out.append([x // 2, y // 2])
            x = y + 1
        else:
            x += 1
    return out


def check_merged(case, got, ctx):
    import numpy as np

    # an (m, 2) integer array, or a list of length-2 arrays, is the same answer
    if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape[1] == 2 and got.dtype.kind in "iu":
        got = got.tolist()
    if isinstance(got, (list, tuple)):
        got = [iv.tolist() if isinstance(iv, np.ndarray) and iv.shape == (2,) and iv.dtype.kind in "iu" else iv for iv in got]
    if not isinstance(got, (list, tuple)):
        return f"expected a list of [start, end] pairs, got {type(got).__name__}"
    for iv in got:
        if not isinstance(iv, (list, tuple)) or len(iv) != 2:
            return f"every merged interval must be a [start, end] pair, got {iv!r}"
        if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in iv):
            return f"start and end are integers, got {iv!r}"
    # the outer order is free: compare sorted by (start, end), inner lists or tuples alike
    ordered = sorted((list(iv) for iv in got), key=lambda iv: (iv[0], iv[1]))
    return ctx.compare(case.expected, ordered)


def case(name, intervals, why=None):
    return Case(name, args=(intervals,), expected=oracle(intervals), why=why, check="check_merged",
                summary=repr(intervals) if len(intervals) <= 5 else f"{len(intervals)} intervals")


# LeetCode 56: 1 <= len(intervals) <= 10^4, 0 <= start <= end <= 10^4
MAX_N, MAX_COORD = 10_000, 10_000


def constraints(case):
    (intervals,) = case.args
    if not 1 <= len(intervals) <= MAX_N:
        return f"{len(intervals)} intervals outside 1..{MAX_N}"
    for iv in intervals:
        if len(iv) != 2 or not 0 <= iv[0] <= iv[1] <= MAX_COORD:
            return f"interval {iv!r} breaks 0 <= start <= end <= {MAX_COORD}"
    return None


def disjoint(n, rng):
    ivs = [[3 * k, 3 * k + 1] for k in range(n)]  # gaps everywhere: nothing merges (n <= 3333)
    rng.shuffle(ivs)
    return ivs


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(disjoint(n, rng),) for n in case.data["sandbox"]["sizes"]]


def run_growth(entry, case):
    return measure(entry, make=disjoint, call=lambda f, ivs: f(ivs),
                   prepare=lambda ivs: [list(iv) for iv in ivs], **case.data)


def generate():
    rng = random.Random(56)
    yield case("example", [[8, 10], [1, 3], [2, 6], [15, 18]])
    yield case("touching", [[1, 4], [4, 6]], why="closed intervals that share an end point merge")
    yield case("nested", [[1, 10], [2, 3], [4, 5]], why="an inner interval must not shrink the outer one")
    yield case("single", [[5, 5]])
    yield case("gap of one", [[1, 2], [3, 4]], why="2 and 3 do not touch: two intervals")
    yield case("reverse order", [[9, 12], [6, 8], [3, 5], [0, 4]], why="the input is not sorted")
    yield case("same start", [[2, 7], [2, 3], [2, 9]])
    yield case("all merge", [[0, 0], [0, 1], [1, 1], [1, 5], [3, 4]])
    for n in (20, 400):
        ivs = []
        for _ in range(n):
            s = rng.randint(0, 5 * n)
            ivs.append([s, s + rng.randint(0, 6)])
        yield case(f"random n={n}", ivs)
    sizes = [400, 800, 1600, 3200]
    yield Case("growth: time at n = 400 … 3200", tier="edge", run="run_growth", check="check_growth",
               expected="n log n", data={"target": "n log n", "sandbox": {"sizes": sizes, "target": "n log n", "budget": 1.5, "seed": 4}},
               summary="timing run: n disjoint intervals, shuffled", time_limit=20,
               why="speed: rescanning the merged list is O(n²) when little merges; sort + sweep is O(n log n)")
