"""The honest record, through the CLI: an attempt is a judgement of distinct content, a starter is
no attempt, and fluency needs an independent clean solve (docs/practice-log.md, "Status").
Days are simulated by moving the store's clock (progress.now_utc and srs.utcnow)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from mlkata.bank import load_bank

SOFTMAX = load_bank().get("softmax")
DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, monkeypatch):
        from mlkata.study import progress, srs

        self.now = DAY0
        monkeypatch.setattr(progress, "now_utc", lambda: self.now.isoformat(timespec="milliseconds"))
        monkeypatch.setattr(srs, "utcnow", lambda: self.now)

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def files(tmp_path):
    good = SOFTMAX.solution_path.read_text()
    out = {}
    for name, text in {
        "good": good,
        "good_tidied": "# tidied: same solution, a comment added\n" + good,
        "good_again": good + "\n\n# solved again from a blank file\n",
        "bad": "def softmax(x):\n    return x\n",
        "starter_ws": SOFTMAX.starter_path.read_text().replace("\n", "   \n") + "\n\n",
        "starter_commented": "# I will do this later\n" + SOFTMAX.starter_path.read_text(),
    }.items():
        (tmp_path / f"{name}.py").write_text(text)
        out[name] = str(tmp_path / f"{name}.py")
    return out


def db(dirs) -> sqlite3.Connection:
    conn = sqlite3.connect(dirs["home"] / "mlkata.db")
    conn.row_factory = sqlite3.Row
    return conn


def status(mlkata) -> str:
    line = next((l for l in mlkata("log", "--export", "md").output.splitlines() if l.startswith("| softmax ")), None)
    if line is None:  # the export lists only problems with history: still new
        return ""
    return [c.strip() for c in line.strip("|").split("|")][3]


def attempts(dirs) -> int:
    return db(dirs).execute("SELECT COUNT(*) FROM attempts WHERE problem='softmax'").fetchone()[0]


def test_a_recheck_of_the_same_file_is_shown_not_recorded_and_never_a_solve(mlkata, mlkata_dirs, files, clock):
    assert mlkata("check", "softmax", "--file", files["bad"]).exit_code == 1
    clock.advance(minutes=5)
    assert mlkata("check", "softmax", "--file", files["good"]).exit_code == 0
    assert status(mlkata) == "⚠️"  # passed after a failure
    due = db(mlkata_dirs).execute("SELECT due FROM srs_state WHERE item='problem:softmax'").fetchone()[0]
    clock.advance(minutes=1)
    r = mlkata("check", "softmax", "--file", files["good"])
    assert r.exit_code == 0 and "not recorded" in r.output  # the verdict is shown, and says so
    assert status(mlkata) == "⚠️" and attempts(mlkata_dirs) == 2
    # no new FSRS rating, review date unchanged
    conn = db(mlkata_dirs)
    assert conn.execute("SELECT COUNT(*) FROM srs_log WHERE item='problem:softmax'").fetchone()[0] == 2
    assert conn.execute("SELECT due FROM srs_state WHERE item='problem:softmax'").fetchone()[0] == due
    assert [tuple(r) for r in conn.execute("SELECT status FROM attempt_rechecks")] == [("pass",)]
    # days later, the same unchanged file is still not a solve; the failed file again is not a new failure
    clock.advance(days=3)
    mlkata("check", "softmax", "--file", files["good"])
    mlkata("check", "softmax", "--file", files["bad"])
    assert status(mlkata) == "⚠️" and attempts(mlkata_dirs) == 2
    row = next(ln for ln in mlkata("log").output.splitlines() if ln.lstrip("│ ").startswith("softmax"))
    assert "2" in row.replace("│", " ").split()  # the Attempts column


def test_fluency_needs_an_independent_clean_solve_across_days(mlkata, mlkata_dirs, files, clock):
    mlkata("hint", "softmax")
    clock.advance(minutes=20)
    mlkata("check", "softmax", "--file", files["good"])
    assert status(mlkata) == "⚠️"  # a pass after a hint
    clock.advance(minutes=10)
    mlkata("check", "softmax", "--file", files["good"])
    assert status(mlkata) == "⚠️"  # same file re-checked
    clock.advance(minutes=10)
    mlkata("check", "softmax", "--file", files["good_tidied"])
    assert status(mlkata) == "⚠️"  # different content, clean, but the same sitting: not independent
    clock.advance(days=1)
    mlkata("check", "softmax", "--file", files["good_again"])
    assert status(mlkata) == "✅"  # a different, clean pass on another day
    conn = db(mlkata_dirs)
    ratings = [r[0] for r in conn.execute("SELECT rating FROM srs_log WHERE item='problem:softmax' ORDER BY id")]
    assert ratings == [2, 2, 3]  # hard, hard, good: the re-check rated nothing
    due = datetime.fromisoformat(conn.execute("SELECT due FROM srs_state WHERE item='problem:softmax'").fetchone()[0])
    assert due >= clock.now + timedelta(days=30)  # fluent: spot-checked a month on
    # a fluent problem stays fluent on a later clean pass, even the same day
    clock.advance(hours=1)
    mlkata("check", "softmax", "--file", files["starter_ws"])  # the starter: nothing happens
    assert status(mlkata) == "✅" and attempts(mlkata_dirs) == 3


def test_a_first_clean_pass_is_fluent_at_once(mlkata, mlkata_dirs, files, clock):
    mlkata("check", "softmax", "--file", files["good"])
    assert status(mlkata) == "✅"
    clock.advance(minutes=1)
    mlkata("check", "softmax", "--file", files["bad"])
    clock.advance(minutes=1)
    mlkata("check", "softmax", "--file", files["good"])  # earlier content: a re-check, not a new solve
    assert status(mlkata) == "⚠️"  # the failure stands
    clock.advance(days=2)
    mlkata("check", "softmax", "--file", files["good_tidied"])
    assert status(mlkata) == "⚠️"  # the first pass since the failure, so not clean
    clock.advance(days=2)
    mlkata("check", "softmax", "--file", files["good_again"])
    assert status(mlkata) == "✅"


def test_the_starter_is_no_attempt_for_check_next_and_dashboard(mlkata, mlkata_dirs, files, clock):
    assert mlkata("start", "softmax").exit_code == 0
    r = mlkata("check", "softmax")
    assert r.exit_code == 1 and "starter" in r.output
    for name in ("starter_ws", "starter_commented"):
        assert mlkata("check", "softmax", "--file", files[name]).exit_code == 1
    assert attempts(mlkata_dirs) == 0
    conn = db(mlkata_dirs)
    assert conn.execute("SELECT COUNT(*) FROM srs_state").fetchone()[0] == 0  # nothing scheduled
    assert conn.execute("SELECT COUNT(*) FROM attempt_rechecks").fetchone()[0] == 0
    assert status(mlkata) == ""  # still new
    out = mlkata("next").output
    assert "to work on" not in out
    new = out.index("new (")
    assert out.index("softmax", new) > new
    dash = mlkata("dashboard").output
    assert "1 check" not in dash and "1 attempt" not in dash
    # a real (wrong) attempt afterwards is recorded as usual
    mlkata("check", "softmax", "--file", files["bad"])
    assert attempts(mlkata_dirs) == 1 and "to work on (1)" in mlkata("next").output


def test_old_databases_move_their_rechecks_out_of_the_attempts(tmp_path):
    from mlkata.store import connect
    from mlkata.store.db import MIGRATIONS, migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    # the schema as it was before m050, with two checks of one file and one of another
    import mlkata.store.migrations  # noqa: F401

    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, fn in MIGRATIONS:
        if name == "m050_attempt_rechecks":
            break
        fn(conn)
        conn.execute("INSERT INTO _migrations VALUES (?, 'x')", (name,))
    for i, (code, st) in enumerate([("a", "fail"), ("b", "pass"), ("b", "pass"), ("a", "fail"), ("b", "pass")]):
        conn.execute("INSERT INTO attempts (problem, at, status, core_passed, core_total, edge_passed, edge_total,"
                     " duration, code_hash, code) VALUES ('p', ?, ?, 0, 1, 0, 0, 0.1, ?, ?)",
                     (f"2026-01-0{i + 1}T00:00:00", st, "h" + code, code))
    conn.commit()
    conn.close()
    conn = connect(path)
    assert [r["code"] for r in conn.execute("SELECT code FROM attempts ORDER BY at")] == ["a", "b"]
    rows = conn.execute("SELECT at, attempt FROM attempt_rechecks ORDER BY at").fetchall()
    assert [r["at"][:10] for r in rows] == ["2026-01-03", "2026-01-04", "2026-01-05"]
    ids = {r["code"]: r["id"] for r in conn.execute("SELECT id, code FROM attempts")}
    assert [r["attempt"] for r in rows] == [ids["b"], ids["a"], ids["b"]]
    from mlkata.study.progress import progress

    assert progress(conn, "p").attempts == 2 and progress(conn, "p").status == "shaky"
