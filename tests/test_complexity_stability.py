"""The complexity verdict is stable: the same solution gets the same verdict on 20 runs even
when the machine is loaded. Load is simulated with a fake clock: every timed call costs the
solution's own time plus, at random (a different seed per run), a burst of up to 3x — what a
busy neighbour does to one sample. min-of-k over interleaved rounds absorbs it.
(tests/test_complexity_loaded.py does the same with real load and real files.)"""

from __future__ import annotations

import random
import types

import pytest

from mlkata.judge import complexity


class FakeClock:
    def __init__(self, cost, seed: int):
        self.t, self.cost, self.rng = 0.0, cost, random.Random(seed)

    def process_time(self) -> float:
        return self.t

    def perf_counter(self) -> float:
        return self.t

    def call(self, entry, n) -> None:
        burst = 1.0 + 2.0 * self.rng.random() if self.rng.random() < 0.3 else 1.0
        self.t += self.cost(n) * burst


def verdicts(monkeypatch, cost, target: str, runs: int = 20, sizes=(500, 1000, 2000, 4000, 8000),
             budget: float = 1.5, more=()) -> list[str]:
    import gc

    monkeypatch.setattr(gc, "collect", lambda *a: 0)  # nothing to collect: keep the test fast
    out = []
    for seed in range(runs):
        clock = FakeClock(cost, seed)
        monkeypatch.setattr(complexity, "time", types.SimpleNamespace(process_time=clock.process_time,
                                                                       perf_counter=clock.perf_counter))
        out.append(complexity.measure(None, make=lambda n, rng: n, call=lambda f, n: clock.call(f, n),
                                      sizes=list(sizes), budget=budget, target=target, more=list(more)))
    return out


@pytest.mark.parametrize("cost, target, too_slow", [
    (lambda n: 2e-7 * n + 1e-5, "n", False),               # a hash map, with call overhead
    (lambda n: 3e-8 * n * n, "n", True),                   # a double loop
    (lambda n: 1e-7 * n * (n.bit_length()), "n log n", False),
    (lambda n: 1e-7 * n * (n.bit_length()), "n", False),   # a log factor is not worth a verdict
    (lambda n: 4e-6 * n + 2e-10 * n * n, "n", False),      # Θ(n²) with a tiny constant: fast here
])
def test_same_verdict_on_20_loaded_runs(monkeypatch, capsys, cost, target, too_slow):
    got = verdicts(monkeypatch, cost, target)
    slow = [complexity.RANK.get(c, -1) > complexity.RANK[target] for c in got]
    assert set(slow) == {too_slow}, got


def test_a_triple_loop_at_three_sums_sizes_is_always_too_slow(monkeypatch, capsys):
    # three-sum's growth case: sizes 100 ... 1600, budget 3 s; a Python triple loop costs about
    # 1.7e-8·n³ (0.017 s at n = 100): the budget stops it after three or four sizes
    got = verdicts(monkeypatch, lambda n: 1.7e-8 * n ** 3, "n^2", sizes=(100, 200, 400, 800, 1600), budget=3.0)
    assert all(complexity.RANK.get(c, -1) > complexity.RANK["n^2"] for c in got), got


# Θ(n²) whose quadratic term is a memcpy-speed copy, as measured for a prefix copy per step on
# LC 3's input: 3.2e-7·n + 1.57e-10·n² gives a slope of 1.50 over 500 … 8000, right on the fail
# line of a linear target, and 1.88 over 8000 … 32000
def ON_THE_LINE(n):
    return 3.2e-7 * n + 1.57e-10 * n * n


def test_a_fit_on_the_line_is_decided_at_the_larger_sizes(monkeypatch, capsys):
    got = verdicts(monkeypatch, ON_THE_LINE, "n", more=(16000, 32000))
    assert set(got) == {"n^2"}, got
    out = capsys.readouterr().out
    assert "timing larger sizes" in out and " 32000  " in out


def test_without_larger_sizes_the_safer_side_wins(monkeypatch, capsys):
    got = verdicts(monkeypatch, ON_THE_LINE, "n")
    assert set(got) == {"n"}, got
    out = capsys.readouterr().out
    assert out.count("measuring again") == 20 and out.count("undecided") == 20


def test_larger_sizes_are_not_timed_when_the_first_fit_is_clear(monkeypatch, capsys):
    for cost in (lambda n: 2e-7 * n + 1e-5, lambda n: 3e-8 * n * n):
        verdicts(monkeypatch, cost, "n", runs=3, more=(16000, 32000))
        assert " 32000  " not in capsys.readouterr().out
