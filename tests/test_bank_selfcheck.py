"""The whole bank proves itself: references pass, starters fail, every mistake is diagnosed,
the diagnosis corpus (wrong variants written apart from the mistakes) is named faithfully, and
what is shipped is what the generators make."""

from __future__ import annotations

import pytest

from mlkata.bank import load_bank
from mlkata.judge.selfcheck import run_selfcheck


def test_bank_selfcheck_passes_for_every_problem():
    bank = load_bank()
    # as `mlkata dev check` does: warm workers fork one isolated child per run
    report = run_selfcheck(bank, workers=2)
    failing = [f"{f.problem} / {f.subject}: {f.detail}" for f in report.findings if not f.ok]
    assert not failing, "\n".join(failing)
    subjects = {(f.problem, f.subject) for f in report.findings}
    for p in load_bank().problems.values():
        assert (p.id, "reference") in subjects and (p.id, "starter") in subjects
        assert len(p.mistakes) >= 3, f"{p.id}: at least three known mistakes"
        for m in p.mistakes:
            assert (p.id, f"mistake {m.id}") in subjects
        assert (p.id, "shipped") in subjects
        for v in p.corpus:
            assert (p.id, f"corpus {v.name}") in subjects
    # the diagnosis figures (issue 17: >= 85% named, 0 wrongly named; this corpus: >= 90%)
    from mlkata.judge.selfcheck import corpus_figures

    variants, expecting, pct, wrong = corpus_figures(report.findings)
    assert variants >= 100 and expecting >= 80
    assert wrong == 0
    assert pct >= 90, [f"{f.problem} / {f.subject}: {f.detail}" for f in report.findings if f.corpus == "unnamed"]


def test_dev_check_cli_reports_a_broken_reference(tmp_path, monkeypatch, mlkata):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(load_bank().root, root, ignore=shutil.ignore_patterns("__pycache__"))
    keep = "softmax"
    for d in (root / "problems").iterdir():
        if d.name != keep:
            shutil.rmtree(d)
    (root / "problems" / keep / ".meta" / "solution.py").write_text("def softmax(x):\n    return x\n")
    monkeypatch.setenv("MLKATA_BANK", str(root))
    r = mlkata("dev", "check")
    assert r.exit_code == 1
    assert "FAIL" in r.output and "reference" in r.output


def test_dev_check_of_pure_python_problems_on_an_empty_cache(tmp_path):
    """A fresh process, an empty case cache, two problems whose case generators import NumPy
    in parallel threads: NumPy must not be seen half initialised (it was, on most runs)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "MLKATA_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "mlkata", "dev", "check", "two-sum", "merge-intervals"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 failing" in proc.stdout
