"""Cases for the pair-sum drill. Oracle: every pair i < j checked (brute force)."""

import random

from mlkata.judge.spec import Case


def oracle(nums, target):
    return [[nums[i], nums[j]] for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target]


def case(name, nums, target, why=None):
    return Case(name, args=(nums, target), expected=oracle(nums, target), why=why)


def generate():
    rng = random.Random(11)
    yield case("example", [-3, 1, 2, 4, 5, 8], 6, why="two pairs: keep going after the first")
    yield case("half of target present", [1, 3, 5, 7], 6, why="3 + 3 would use the same element twice")
    yield case("no pair", [1, 2, 3], 10)
    yield case("two elements", [-5, 5], 0)
    yield case("empty", [], 4)
    yield case("negatives", [-9, -7, -4, -2, 0, 3], -9)
    for n in (20, 500):
        nums = sorted(rng.sample(range(-3 * n, 3 * n), n))
        yield case(f"random n={n}", nums, rng.choice(nums) + rng.choice(nums))
