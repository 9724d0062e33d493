"""The growth fit on synthetic timings: classes, the tie rule and the noise margin."""

from __future__ import annotations

import math

from mlkata.judge.complexity import fit, verdict

SIZES = [1000, 2000, 4000, 8000, 16000]


def timings(f, spike: float = 1.0) -> dict[int, float]:
    t = {n: f(n) for n in SIZES}
    t[SIZES[-1]] *= spike
    return t


def test_classes_are_recognised():
    assert fit(timings(lambda n: 3e-8 * n * n))[0] == "n^2"
    assert fit(timings(lambda n: 1e-11 * n ** 3))[0] == "n^3"
    assert fit(timings(lambda n: 2e-7 * n))[0] == "n"
    # log n has slope ~0.12 here: within the tie window of O(1), so either is reported
    assert fit(timings(lambda n: 1e-6 * math.log2(n)))[0] in ("1", "log n")
    assert fit(timings(lambda n: 1e-6 * math.log2(n) ** 3))[0] == "log n"


def test_a_log_factor_is_reported_as_the_lower_class():
    # n log n and n differ by ~0.1 in slope over a 16x range: not worth a verdict
    assert fit(timings(lambda n: 1e-7 * n * math.log2(n)))[0] == "n"


def test_verdict_fails_only_clearly_above_the_target():
    assert verdict(timings(lambda n: 3e-8 * n * n), "n") == ("n^2", True)
    assert verdict(timings(lambda n: 3e-8 * n * n), "n^2") == ("n^2", False)
    assert verdict(timings(lambda n: 2e-7 * n), "n log n")[1] is False
    # a 2x spike on the largest timing of a linear solution does not make it "too slow"
    cls, too_slow = verdict(timings(lambda n: 2e-7 * n, spike=2.0), "n")
    assert not too_slow
    # ... while a quadratic one stays quadratic when its largest timing is halved
    assert verdict(timings(lambda n: 3e-8 * n * n, spike=0.5), "n")[1] is True


def test_near_the_line_the_fit_decides_nothing():
    # target n: the line is at slope 1.5; within 0.2 of it the verdict is None (time larger sizes)
    for slope, expected in [(1.25, False), (1.35, None), (1.5, None), (1.65, None), (1.75, True)]:
        cls, too_slow = verdict(timings(lambda n: 1e-7 * n ** slope), "n")
        assert too_slow is expected, slope
        assert cls == ("n^2" if too_slow else "n")
    # the line follows the target's own slope: n log n has ~1.12 over these sizes
    assert verdict(timings(lambda n: 1e-7 * n ** 1.45), "n log n")[1] is None
    assert verdict(timings(lambda n: 1e-7 * n ** 1.25), "n log n")[1] is False


def test_a_class_at_or_below_the_target_is_reported_as_the_target():
    # a binary search's slope (~0.15) sits between O(1) and O(log n): the report must not flip
    assert verdict(timings(lambda n: 1e-6 * n ** 0.15), "log n") == ("log n", False)
    assert verdict(timings(lambda n: 1e-6 * n ** 0.25), "log n") == ("log n", False)
    assert verdict(timings(lambda n: 2e-7 * n), "n log n") == ("n log n", False)


def test_too_slow_reports_a_power_of_n_above_the_target():
    # a linear scan for a log n target, with a noisy slope of 1.4: O(n), not O(n log n)
    assert verdict(timings(lambda n: 1e-8 * n ** 1.4), "log n") == ("n", True)
    # a double loop whose largest size was inflated: still O(n²) up to a slope of 2.75
    assert verdict(timings(lambda n: 1e-8 * n ** 2.6), "n") == ("n^2", True)
    assert verdict(timings(lambda n: 1e-11 * n ** 3), "n") == ("n^3", True)
    # at least one power above the target, even when the slope is barely past the zone
    assert verdict(timings(lambda n: 1e-8 * n ** 1.72), "n") == ("n^2", True)
    assert verdict(timings(lambda n: 1e-11 * n ** 2.72), "n^2") == ("n^3", True)


def test_two_sizes_are_the_minimum():
    assert fit({1000: 0.01})[0] == "?"
    assert verdict({1000: 0.01}, "n") == ("?", False)
