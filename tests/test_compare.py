"""The value comparison behind every verdict: NaN/inf patterns and tolerances, element by element."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.judge.compare import compare

VALUES = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 0.0, 1.0, -1.0, 1e308, -1e308]),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
)


def agrees(e: float, g: float, rtol: float, atol: float) -> bool:
    """The contract, one element at a time: NaN where NaN is expected, the same infinity where
    one is expected, otherwise finite and within atol + rtol·|expected|."""
    if math.isnan(e) or math.isnan(g):
        return math.isnan(e) and math.isnan(g)
    if math.isinf(e) or math.isinf(g):
        return e == g
    return abs(g - e) <= atol + rtol * abs(e)


@settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(VALUES, VALUES), min_size=1, max_size=6),
       rtol=st.sampled_from([0.0, 1e-6, 0.5]), atol=st.sampled_from([0.0, 1e-9, 2.0]))
def test_compare_accepts_exactly_what_the_contract_accepts(pairs, rtol, atol):
    e = np.array([a for a, _ in pairs])
    g = np.array([b for _, b in pairs])
    expected_ok = all(agrees(a, b, rtol, atol) for a, b in pairs)
    msg = compare(e, g, {"rtol": rtol, "atol": atol})
    assert (msg is None) == expected_ok, (e, g, rtol, atol, msg)


def test_an_infinite_expected_value_is_not_matched_by_a_finite_one_under_a_relative_tolerance():
    # with rtol > 0, atol + rtol·|inf| is inf: "within tolerance" must not make 5 equal to inf
    msg = compare(np.array([np.inf, 1.0]), np.array([5.0, 1.0]), {"rtol": 1e-3, "atol": 0.0})
    assert msg is not None and "not finite" in msg


def test_matching_nan_and_inf_patterns_pass_and_report_the_first_difference_otherwise():
    e = np.array([[np.nan, -np.inf], [1.0, 2.0]])
    assert compare(e, e.copy(), {"rtol": 0.0, "atol": 0.0}) is None
    g = e.copy()
    g[1, 1] = 2.5
    msg = compare(e, g, {"rtol": 0.0, "atol": 0.1})
    assert msg is not None and "(1, 1)" in msg and "1 of 4" in msg
