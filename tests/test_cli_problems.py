"""The judge loop through the CLI: start, edit, check, hint, solution, list."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

from mlkata.bank import load_bank

BANK = load_bank()
SOFTMAX = BANK.get("softmax")


def test_start_writes_starter_and_never_overwrites_edits(mlkata, mlkata_dirs):
    r = mlkata("start", "softmax")
    assert r.exit_code == 0
    target = mlkata_dirs["workspace"] / "softmax.py"
    assert target.read_text() == SOFTMAX.starter_path.read_text()
    target.write_text("# my work\n")
    r = mlkata("start", "softmax")
    assert "left as it is" in r.output
    assert target.read_text() == "# my work\n"
    mlkata("start", "softmax", "--force")
    assert target.read_text() == SOFTMAX.starter_path.read_text()


def test_check_starter_fails_then_reference_passes(mlkata, mlkata_dirs):
    mlkata("start", "softmax")
    r = mlkata("check", "softmax")
    assert r.exit_code == 1
    assert "NotImplementedError" in r.output
    (mlkata_dirs["workspace"] / "softmax.py").write_text(SOFTMAX.solution_path.read_text())
    r = mlkata("check", "softmax")
    assert r.exit_code == 0, r.output
    assert "PASS" in r.output


def test_check_json_names_the_mistake(mlkata, tmp_path):
    wrong = tmp_path / "mine.py"
    wrong.write_text("import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(-1, keepdims=True)\n")
    r = mlkata("check", "softmax", "--file", str(wrong), "--json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["status"] == "fail"
    assert data["problem"] == "softmax"
    assert data["diagnosis"]["id"] == "no-max-shift"
    names = {t["name"]: t for t in data["tests"]}
    assert names["huge logits float64"]["status"] == "fail"
    assert names["huge logits float64"]["diagnosis"] == "no-max-shift"
    assert {"name", "tier", "status", "message", "diagnosis", "output"} <= set(data["tests"][0])


def test_usage_errors_exit_2_with_did_you_mean(mlkata, tmp_path):
    r = mlkata("check", "softmx")
    assert r.exit_code == 2 and "Did you mean: softmax" in r.output
    r = mlkata("check", "softmax", "--file", str(tmp_path / "missing.py"))
    assert r.exit_code == 2 and "no file" in r.output


def test_attempts_hints_and_solution_are_recorded(mlkata, mlkata_dirs, tmp_path):
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    mlkata("check", "softmax", "--file", str(good))
    r1, r2, r3, r4 = (mlkata("hint", "softmax") for _ in range(4))
    assert "hint 1/3" in r1.output and "hint 2/3" in r2.output and "hint 3/3" in r3.output and "hint 3/3" in r4.output
    mlkata("solution", "softmax", "--yes")
    conn = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db")
    row = conn.execute("SELECT problem, status, core_passed, core_total, code FROM attempts").fetchone()
    assert row[0] == "softmax" and row[1] == "pass" and row[2] == row[3] > 0 and "def softmax" in row[4]
    kinds = [r[0] for r in conn.execute("SELECT kind FROM events ORDER BY id")]
    assert kinds == ["hint", "hint", "hint", "hint", "solution"]


def test_status_in_list_follows_attempts(mlkata, tmp_path, monkeypatch):
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    bad = tmp_path / "bad.py"
    bad.write_text("def softmax(x):\n    return x\n")
    assert "new" in mlkata("list").output
    mlkata("check", "softmax", "--file", str(bad))
    assert "unknown" in mlkata("list").output
    mlkata("check", "softmax", "--file", str(good))
    assert "shaky" in mlkata("list").output  # passed after a failure
    mlkata("check", "softmax", "--file", str(good))
    assert "shaky" in mlkata("list").output  # the same file again is not a second solve
    from mlkata.study import progress

    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    monkeypatch.setattr(progress, "now_utc", lambda: tomorrow.isoformat(timespec="milliseconds"))
    good.write_text(good.read_text() + "\n# solved again\n")
    mlkata("check", "softmax", "--file", str(good))
    assert "fluent" in mlkata("list").output  # a different clean pass, a day later


def test_show_lists_what_is_forbidden(mlkata):
    r = mlkata("show", "softmax")
    assert r.exit_code == 0
    assert r.output.count("scipy.special.softmax") == 1  # the statement says it; not a second list
    assert "Numerically stable softmax" in r.output
