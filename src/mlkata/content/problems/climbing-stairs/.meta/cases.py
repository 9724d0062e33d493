"""Cases for the climbing-stairs drill. Oracle: count the sequences by their number k of
2-steps: the n - k moves contain k two-steps, C(n - k, k) arrangements (math.comb)."""

import math

from mlkata.judge.spec import Case


def oracle(n):
    return sum(math.comb(n - k, k) for k in range(n // 2 + 1))


def case(name, n, why=None, time_limit=2):
    return Case(name, args=(n,), expected=oracle(n), why=why, time_limit=time_limit)


def generate():
    yield case("n = 1", 1)
    yield case("n = 2", 2, why="1+1 and 2: the base case ways[0] must be 1")
    yield case("n = 3", 3)
    yield case("n = 5", 5)
    yield case("n = 10", 10)
    yield case("n = 45", 45, why="about 1.8·10⁹ sequences: plain recursion makes as many calls")
    yield case("n = 90", 90, why="the count exceeds 64 bits: Python integers handle it")
