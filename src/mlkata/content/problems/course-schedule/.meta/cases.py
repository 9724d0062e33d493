"""Cases for LC 207. Oracle: the standard library's graphlib.TopologicalSorter (CycleError
means no valid order)."""

import graphlib
import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.spec import Case


def oracle(n, prereq):
    ts = graphlib.TopologicalSorter({c: set() for c in range(n)})
    for a, b in prereq:
        ts.add(a, b)  # a depends on b
    try:
        ts.prepare()
        return True
    except graphlib.CycleError:
        return False


def case(name, n, prereq, why=None):
    return Case(name, args=(n, prereq), expected=oracle(n, prereq), why=why,
                summary=f"{n} courses, {prereq!r}" if len(prereq) <= 5 else f"{n} courses, {len(prereq)} pairs")


# LeetCode 207: 1 <= numCourses <= 2000, 0 <= len(prerequisites) <= 5000, pairs of two courses
# in range, all pairs distinct
MAX_COURSES, MAX_PAIRS = 2000, 5000


def constraints(case):
    n, prereq = case.args
    if not 1 <= n <= MAX_COURSES:
        return f"numCourses = {n} outside 1..{MAX_COURSES}"
    if len(prereq) > MAX_PAIRS:
        return f"{len(prereq)} prerequisites > {MAX_PAIRS}"
    seen = set()
    for p in prereq:
        if len(p) != 2 or not all(0 <= c < n for c in p):
            return f"prerequisite {p!r} is not two courses in 0..{n - 1}"
        if tuple(p) in seen:
            return f"prerequisite {list(p)!r} appears twice (LeetCode: all pairs are distinct)"
        seen.add(tuple(p))
    return None


def chain_dag(n, rng):
    """course i needs i + 1 (a chain: one course freed at a time) plus random forward edges,
    every pair distinct."""
    pairs = [[i, i + 1] for i in range(n - 1)]
    have = {tuple(p) for p in pairs}
    for i in rng.sample(range(n - 2), n // 2) if n > 2 else []:
        j = rng.randrange(i + 2, n)  # i + 1 is the chain's own pair
        if (i, j) not in have:
            have.add((i, j))
            pairs.append([i, j])
    return n, pairs


SIZES = [125, 250, 500, 1000, 2000]


def timing_inputs(case):
    rng = __import__("random").Random(case.data["sandbox"]["seed"])
    return [chain_dag(n, rng) for n in case.data["sandbox"]["sizes"]]  # as measure() builds them


def run_growth(entry, case):
    return measure(entry, make=chain_dag, call=lambda f, inp: f(*inp),
                   prepare=lambda inp: (inp[0], [list(p) for p in inp[1]]), **case.data)


def generate():
    rng = random.Random(207)
    yield case("no prerequisites", 3, [])
    yield case("one pair", 2, [[1, 0]])
    yield case("two courses need each other", 2, [[1, 0], [0, 1]])
    yield case("self-loop", 3, [[1, 0], [2, 2]], why="a course that requires itself is a cycle")
    yield case("diamond", 4, [[1, 0], [2, 0], [3, 1], [3, 2]],
               why="course 3 is reached along two paths: that is not a cycle")
    yield case("three-cycle", 4, [[1, 0], [2, 1], [0, 2], [3, 0]], why="a cycle of length 3")
    yield case("cycle apart from free courses", 6, [[1, 0], [3, 2], [4, 3], [2, 4]],
               why="some courses can be taken, not all")
    yield case("mutual pair beside a free chain", 5, [[1, 0], [0, 1], [3, 2], [4, 3]],
               why="taking 2, 3, 4 is progress, but 0 and 1 can never be taken")
    n, pairs = chain_dag(200, rng)
    yield case("random DAG, 200 courses", n, pairs)
    pairs = pairs + [[199, 50]]  # closes a cycle: 50 needs ... needs 199
    yield case("random DAG + one back edge", n, pairs)
    chain = [[i + 1, i] for i in range(1999)]
    yield case("chain of 2000 (max depth)", 2000, chain, why="2000 deep: recursive DFS needs the raised recursion limit")
    yield case("chain of 2000 closed into a cycle", 2000, chain + [[0, 1999]])
    sizes = SIZES
    yield Case("growth: time at V = 125 … 2000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "target": "n", "budget": 1.5, "seed": 8}},
               summary="timing run: a chain plus V/2 random forward edges", time_limit=20,
               why="speed: repeated passes are O(V·(V+E)) on a chain; Kahn or DFS is O(V + E)")
