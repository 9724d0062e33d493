"""Cases for LC 295. A case is a sequence of calls played on a fresh MedianFinder by a run hook;
the output is the list of findMedian answers. Oracle: statistics.median of everything added
so far (recomputed from scratch at each query)."""

import random
import statistics

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(ops):
    seen, out = [], []
    for op in ops:
        if op[0] == "addNum":
            seen.append(op[1])
        else:
            out.append(float(statistics.median(seen)))
    return out


def play(cls, ops):
    mf = cls()
    out = []
    for op in ops:
        if op[0] == "addNum":
            mf.addNum(op[1])
        else:
            out.append(mf.findMedian())
    return out


def run_ops(entry, case):
    return play(entry, case.args[0])


def case(name, ops, why=None):
    n_add = sum(op[0] == "addNum" for op in ops)
    return Case(name, args=(ops,), expected=oracle(ops), run="run_ops", why=why,
                summary=f"{n_add} addNum, {len(ops) - n_add} findMedian")


# LeetCode 295: values in ±10^5, at most 5 * 10^4 calls, findMedian only once an addNum came
def constraints(case):
    (ops,) = case.args
    if len(ops) > 5 * 10**4:
        return f"{len(ops)} calls > 50000"
    added = 0
    for op in ops:
        if op[0] == "addNum":
            if abs(op[1]) > 10**5:
                return f"addNum({op[1]}) beyond ±10^5"
            added += 1
        elif op[0] == "findMedian" and added == 0:
            return "findMedian before any addNum"
    return None


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(add_find([rng.randint(-10**5, 10**5) for _ in range(n)]),) for n in case.data["sandbox"]["sizes"]]


def add_find(values):
    ops = []
    for v in values:
        ops += [["addNum", v], ["findMedian"]]
    return ops


def run_growth(entry, case):
    return measure(entry, make=lambda n, rng: add_find([rng.randint(-10**5, 10**5) for _ in range(n)]),
                   call=play, **case.data)


def generate():
    rng = random.Random(295)
    yield case("example", add_find([4, -1, 10]))
    yield case("two values", add_find([1, 2]), why="the mean of 1 and 2 is 1.5, not 1")
    yield case("negative half", add_find([-1, 0]), why="-0.5, not -1")
    yield case("descending", add_find([9, 8, 7, 6, 5, 4]), why="the lower half needs a MAX-heap")
    yield case("ascending", add_find([1, 2, 3, 4, 5, 6]))
    yield case("duplicates", add_find([3, 3, 3, 1, 1, 5, 5]))
    yield case("adds then one query", [["addNum", v] for v in (12, -7, 40, 3, 3)] + [["findMedian"]])
    yield case("fresh object again", add_find([100, 200]),
               why="a new MedianFinder must start empty (state in __init__, not in the class body)")
    vals = [rng.randint(-10**5, 10**5) for _ in range(300)]
    ops = []
    for v in vals:
        ops.append(["addNum", v])
        if rng.random() < 0.4:
            ops.append(["findMedian"])
    yield case("random, 300 adds", ops)
    yield case("random, 2000 adds", add_find([rng.randint(-10**5, 10**5) for _ in range(2000)]))
    sizes = [1000, 2000, 4000, 8000, 16000]
    yield Case("growth: n adds + n queries, n = 1000 … 16000", tier="edge", run="run_growth", check="check_growth",
               expected="n log n", data={"target": "n log n", "sandbox": {"sizes": sizes, "target": "n log n", "budget": 1.5, "seed": 1}},
               summary="timing run: addNum then findMedian, n times", time_limit=20,
               why="speed: sorting on every query is O(n) per call, O(n²) in all; two heaps are O(log n) per call")
