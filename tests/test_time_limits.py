"""Time limits that fit the problem, and timing tables that survive a chatty solution, through
the CLI and the public judge API (no timed assertions: the limits are read from the verdict)."""

from __future__ import annotations

import re
import textwrap

from mlkata.bank import load_bank
from mlkata.judge.core import TIME_FLOOR, case_time_limit, reference_timings


def test_every_problem_ships_reference_timings_for_its_cases():
    bank = load_bank()
    from mlkata.judge.core import load_cases

    for pid in ("two-sum", "softmax", "climbing-stairs"):
        p = bank.get(pid)
        timings = reference_timings(p)
        names = {c.name for c in load_cases(p).cases}
        assert names <= set(timings), (pid, names - set(timings))
        for c in load_cases(p).cases:
            assert case_time_limit(c, timings) >= TIME_FLOOR


def test_an_infinite_loop_is_cut_at_the_small_case_and_the_verdict_names_it(mlkata, tmp_path):
    path = tmp_path / "loop.py"
    path.write_text(textwrap.dedent("""
        class Solution:
            def twoSum(self, nums, target):
                while True:
                    pass
        """))
    r = mlkata("check", "two-sum", "--file", str(path))
    out = " ".join(r.output.split())
    assert r.exit_code == 1 and "TIMEOUT" in out
    m = re.search(r"(\w[\w ,=]*) \(core; input: [^)]*\)\) did not finish within ([0-9.]+) s \(1.5 s \+ 100x the reference", out)
    assert m, out
    assert m.group(1).strip() == "small" and float(m.group(2)) <= 2.0


def test_a_solution_that_prints_keeps_the_timing_table(mlkata, tmp_path):
    from mlkata.judge.core import judge

    p = load_bank().get("two-sum")
    source = textwrap.dedent("""
        def two_sum(nums, target):
            print("looking at", len(nums), "numbers " * 200)
            seen = {}
            for i, v in enumerate(nums):
                if target - v in seen:
                    return [seen[target - v], i]
                seen[v] = i
        """)
    result = judge(p, source, str(tmp_path / "chatty.py"), strict=True)
    growth = next(t for t in result.tests if t.name.startswith("growth"))
    assert "size  best CPU seconds" in growth.output and "fit: slope" in growth.output
    assert "your code printed during the timed calls" in growth.output


def test_a_slow_first_diagnosis_says_what_it_is_doing(mlkata, tmp_path, monkeypatch, capfd):
    from mlkata.judge import core

    monkeypatch.setattr(core, "PROGRESS_AFTER", 0.0)  # any wait at all gets its line
    monkeypatch.setenv("MLKATA_NO_SHIPPED", "1")  # the mistakes run here, not read from what is shipped
    monkeypatch.setenv("MLKATA_CACHE", str(tmp_path / "fresh-cache"))
    core._LOADED.clear()
    monkeypatch.setattr(core, "_stderr_is_terminal", lambda: True)  # as in a terminal
    monkeypatch.setenv("COLUMNS", "80")                                  # ... of 80 columns
    path = tmp_path / "wrong.py"
    path.write_text("import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum(-1, keepdims=True)\n")
    r = mlkata("check", "softmax", "--file", str(path), "--json")
    import json

    assert json.loads(r.stdout)["status"] == "fail"  # stdout stays clean JSON
    err = capfd.readouterr().err + (r.stderr if hasattr(r, "stderr") else "")
    assert "known mistakes once" in " ".join(err.split())
    said = err.splitlines()
    at = next(i for i, ln in enumerate(said) if ln.startswith("softmax: running"))
    assert all(len(ln) <= 80 for ln in said)                                 # wrapped by mlkata, not the terminal
    assert said[at + 1].startswith("  ") and said[at + 1].strip()            # under the text it continues
