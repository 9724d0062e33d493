"""Deferred expected values (issue 17, point 5): a first check of a problem whose cases are too
large to ship runs the submission while the judge computes the heavy oracles. The verdicts,
diagnoses and stored cases are those of computing every value first; a failing oracle is a
malformed bank file, never a traceback; the CLI's quick exit loses no output and no record."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlkata.bank import load_bank
from mlkata.judge import core, shipped
from mlkata.judge.deferred import Deferred
from test_shipped import _same, named_mistakes


def _deferred_problem(root: Path | None = None):
    """A problem whose generator defers its expected values (and ships no cases)."""
    for p in load_bank(root).ordered():
        if "Deferred(" in p.cases_path.read_text(encoding="utf-8") and not shipped.available(p, "cases") and p.mistakes:
            return p
    pytest.skip("no problem defers its expected values")


def test_a_deferred_value_is_never_stored():
    with pytest.raises(TypeError, match="computed before it is stored"):
        pickle.dumps(Deferred(sum, [1, 2]))
    assert Deferred(sum, [1, 2]).compute() == 3
    with pytest.raises(TypeError):
        Deferred(42)


def test_deferred_cases_equal_the_cases_computed_first_and_are_stored_complete(fresh_cache):
    p = _deferred_problem()
    first = core.generate_cases(p)  # every value computed before returning (the self-check's way)
    assert not any(isinstance(c.expected, Deferred) for c in first)
    caseset = core.load_cases(p, defer=True)
    assert caseset._pending is not None, "the generator's oracles were not deferred"
    caseset.complete()
    assert [c.name for c in caseset.cases] == [c.name for c in first]
    for a, b in zip(first, caseset.cases):
        assert not isinstance(b.expected, Deferred)
        # the oracle ran on one thread here, on the machine's threads there: same sums, other order
        assert _same(a.expected, b.expected, ulps=16), f"{p.id}: case {a.name!r}"
    stored = list((fresh_cache / "cases").glob(f"{p.id}-*.pkl"))
    assert len(stored) == 1
    core._LOADED.clear()
    again = core.load_cases(p)  # read back from the sealed cache, nothing generated
    assert again._pending is None
    assert all(_same(a.expected, b.expected) for a, b in zip(caseset.cases, again.cases))


def test_first_check_of_a_deferred_problem_passes_and_diagnoses(mlkata, fresh_cache):
    p = _deferred_problem()
    ok = mlkata("check", p.id, "--file", str(p.solution_path))
    assert ok.exit_code == 0 and "PASS" in ok.output and "preparing its cases" in ok.output
    core._LOADED.clear()
    mistake = p.mistakes[0]
    bad = mlkata("check", p.id, "--file", str(mistake.path), "--json")
    assert bad.exit_code == 1
    assert mistake.id in named_mistakes(bad.output)


def test_a_mistake_on_the_very_first_check_is_graded_on_computed_values(mlkata, fresh_cache):
    """The first check of all is a failing one: grading waits for the oracles, then names it."""
    p = _deferred_problem()
    mistake = p.mistakes[0]
    bad = mlkata("check", p.id, "--file", str(mistake.path), "--json")
    assert bad.exit_code == 1
    result = json.loads(bad.output)
    assert result["status"] != "pass"
    assert "Deferred" not in bad.output
    assert mistake.id in named_mistakes(bad.output)


def test_a_failing_oracle_is_a_malformed_bank_file_and_releases_the_lock(mlkata, fresh_cache, tmp_path, monkeypatch):
    p = _deferred_problem()
    root = tmp_path / "bank"
    shutil.copytree(Path(load_bank().root), root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("MLKATA_BANK", str(root))
    cases_py = root / "problems" / p.id / ".meta" / "cases.py"
    text = cases_py.read_text(encoding="utf-8")
    oracle = text.split("Deferred(", 1)[1].split(",", 1)[0].strip()  # the name the generator defers to
    cases_py.write_text(text + f"\n\ndef {oracle}(*args, **kwargs):\n    raise ValueError('the oracle broke')\n",
                        encoding="utf-8")
    for _ in range(2):  # the second check is not stuck behind a lock the first one left
        out = mlkata("check", p.id, "--file", str(p.solution_path))
        assert out.exit_code == 1
        assert "cases.py" in out.output and "the oracle broke" in out.output
        assert "Traceback" not in out.output
    assert not list((fresh_cache / "cases").glob(f"{p.id}-*.pkl")), "half-computed cases were stored"


def test_the_command_line_exits_fast_without_losing_output_or_the_record(tmp_path):
    """A check that imported torch in mlkata's own process ends without the interpreter's
    teardown: the JSON is whole, the exit code right, the attempt recorded."""
    p = _deferred_problem()
    env = dict(os.environ, MLKATA_HOME=str(tmp_path / "home"), MLKATA_WORKSPACE=str(tmp_path / "ws"),
               MLKATA_CACHE=str(tmp_path / "cache"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mlkata", *args], capture_output=True, text=True, env=env,
                              timeout=300)

    ok = run("check", p.id, "--file", str(p.solution_path), "--json")
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert json.loads(ok.stdout)["status"] == "pass"
    bad = run("check", p.id, "--file", str(p.mistakes[0].path), "--json")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["status"] != "pass"
    env["COLUMNS"] = "200"
    log = run("log", "--no-pager")
    assert log.returncode == 0
    row = next((line for line in log.stdout.splitlines() if line.startswith(p.id + " ")), None)
    assert row is not None, log.stdout[-2000:]  # both checks were committed before the quick exit
