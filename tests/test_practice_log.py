"""The practice log through the CLI: statuses from real checks, FSRS review dates, overrides,
notes, the sheet's Markdown table (export -> import -> export), external entries, `mlkata next`."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import types
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mlkata.bank import load_bank
from mlkata.bank.loader import default_root
from mlkata.study.log import SPOT_CHECK_DAYS

SOFTMAX = load_bank().get("softmax")
TODAY = lambda: datetime.now(timezone.utc).date()  # noqa: E731


def rows(md: str) -> dict[str, list[str]]:
    """Problem -> [topic, difficulty, status, review date] from an exported table."""
    out = {}
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith("| Problem"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out[cells[0]] = cells[1:]
    return out


def db(dirs) -> sqlite3.Connection:
    return sqlite3.connect(dirs["home"] / "mlkata.db")


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    bad = tmp_path / "bad.py"
    bad.write_text("def softmax(x):\n    return x\n")
    out = {"good": str(good), "bad": str(bad)}
    for k in (2, 3):  # the same solution solved again: distinct content, a new attempt
        (tmp_path / f"good{k}.py").write_text(good.read_text() + f"\n# solve {k}\n")
        out[f"good{k}"] = str(tmp_path / f"good{k}.py")
    return out


def a_day_passes(dirs) -> None:
    """Move every recorded check one day into the past (the next pass is then independent)."""
    conn = db(dirs)
    with conn:
        for (rid, at) in conn.execute("SELECT id, at FROM attempts").fetchall():
            earlier = (datetime.fromisoformat(at) - timedelta(days=1)).isoformat(timespec="milliseconds")
            conn.execute("UPDATE attempts SET at=? WHERE id=?", (earlier, rid))


@pytest.fixture
def make_bank(tmp_path, monkeypatch):
    """A copy of the bank plus extra problems (copies of softmax with their own id and extras);
    MLKATA_BANK points the loader at it."""
    root, source = tmp_path / "bank", default_root()

    def make(extra: dict[str, dict[str, object]]) -> Path:
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__"))
        for folder in (root / "problems").iterdir():  # only softmax: the test controls the bank
            if folder.name != "softmax":
                shutil.rmtree(folder)
        for pid, fields in extra.items():
            folder = root / "problems" / pid
            shutil.copytree(root / "problems" / "softmax", folder)
            toml = folder / ".meta" / "problem.toml"
            head = "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in fields.items())
            kept = "".join(ln for ln in toml.read_text().splitlines(keepends=True)
                           if ln.split("=")[0].strip() not in fields)  # softmax's own values give way
            text = kept.replace('id = "softmax"\n', f'id = "{pid}"\n{head}', 1)
            toml.write_text(text)
        monkeypatch.setenv("MLKATA_BANK", str(root))
        return root

    return make


def test_statuses_and_fsrs_ratings_follow_real_checks(mlkata, mlkata_dirs, files):
    assert "softmax" not in rows(mlkata("log", "--export", "md").output)  # never practised: no row
    mlkata("check", "softmax", "--file", files["bad"])
    unknown = rows(mlkata("log", "--export", "md").output)["softmax"]
    assert unknown[2:] == ["❌", (TODAY() + timedelta(days=1)).isoformat()]  # FSRS 'again': due tomorrow
    mlkata("check", "softmax", "--file", files["good"])
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "⚠️"  # passed after a failure
    mlkata("check", "softmax", "--file", files["good"])  # the same file again: not a new attempt
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "⚠️"
    a_day_passes(mlkata_dirs)
    mlkata("check", "softmax", "--file", files["good2"])  # a clean solve on another day
    fluent = rows(mlkata("log", "--export", "md").output)["softmax"]
    assert fluent[2] == "✅"
    # fluent: not scheduled by FSRS, spot-checked at least SPOT_CHECK_DAYS after the pass; the
    # sheet's table schedules only ⚠️/❌, so the spot-check shows in mlkata's own view
    assert fluent[3] == ""
    spot = (TODAY() + timedelta(days=SPOT_CHECK_DAYS)).isoformat()
    assert any(spot <= w[:10] for w in mlkata("log").output.split() if w[:4].isdigit() and len(w) >= 10)
    mlkata("hint", "softmax")
    mlkata("check", "softmax", "--file", files["good3"])
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "⚠️"  # a hint since the last pass
    ratings = [r[0] for r in db(mlkata_dirs).execute("SELECT rating FROM srs_log WHERE item='problem:softmax' ORDER BY id")]
    assert ratings == [1, 2, 3, 2]  # again, hard, good, hard
    table = mlkata("log").output
    assert "softmax" in table and "⚠️ shaky" in table and "4" in table


def test_first_clean_pass_is_easy_and_the_table_shows_time_to_solve(mlkata, mlkata_dirs, files):
    mlkata("start", "softmax")
    shutil.copy(files["good"], mlkata_dirs["workspace"] / "softmax.py")
    assert mlkata("check", "softmax").exit_code == 0
    conn = db(mlkata_dirs)
    assert [r[0] for r in conn.execute("SELECT rating FROM srs_log")] == [4]
    # the start happened 12 minutes before the pass
    at = conn.execute("SELECT at FROM attempts").fetchone()[0]
    started = (datetime.fromisoformat(at) - timedelta(minutes=12, seconds=5)).isoformat(timespec="milliseconds")
    with conn:
        conn.execute("UPDATE events SET at=? WHERE kind='start'", (started,))
    out = mlkata("log").output
    assert "12m" in out and "✅ fluent" in out and "spot-check" in out


def test_override_holds_until_the_next_check_and_notes_show(mlkata, mlkata_dirs, files):
    mlkata("check", "softmax", "--file", files["good"])
    r = mlkata("log", "set", "softmax", "--status", "shaky")
    assert r.exit_code == 0 and "shaky" in r.output
    row = rows(mlkata("log", "--export", "md").output)["softmax"]
    assert row[2:] == ["⚠️", TODAY().isoformat()]  # was fluent: a review is due now
    assert "⚠️ shaky*" in mlkata("log").output  # * marks a status you set
    mlkata("log", "set", "softmax", "--status", "auto")
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "✅"
    mlkata("log", "set", "softmax", "--status", "unknown")
    mlkata("check", "softmax", "--file", files["good"])  # a re-check is no new evidence: the override holds
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "❌"
    mlkata("check", "softmax", "--file", files["good2"])  # a newer check wins over the override
    assert rows(mlkata("log", "--export", "md").output)["softmax"][2] == "✅"
    mlkata("log", "note", "softmax", "forgot keepdims\nagain")
    assert "forgot keepdims again" in mlkata("log").output
    assert "- softmax: forgot keepdims again" in mlkata("log", "--export", "md").output
    mlkata("log", "note", "softmax", "")
    assert "Notes:" not in mlkata("log", "--export", "md").output
    r = mlkata("log", "set", "sofmax", "--status", "shaky")
    assert r.exit_code == 2 and "Did you mean: softmax" in r.output
    r = mlkata("log", "set", "softmax", "--review", "2026-13-01")
    assert r.exit_code == 2 and "not a date" in r.output


SHEET = """\
# my log

| Problem | Topic | Difficulty | Status | Review Date |
|---------|-------|------------|--------|-------------|
| LC 1 | Hash Table / Two Sum | Easy | ✅ | 2027-01-20 |
| LC 146 | Design / LRU Cache | Medium | ⚠️ | 2026-12-03 |
| LC 42 | Monotonic Stack / Trapping Rain Water | Hard |  |  |
| softmax | whatever | L1 | ❌ | 2026-12-01 |
| LC 3 | Sliding Window | Medium | ⚠ |  |
| LC 11 | Two Pointers / Container | Medium | fluent |  |

Notes:
- LC 146: move to front on get, not only on put
- softmax: subtract the row max
"""


def test_export_import_export_round_trips_with_external_entries_and_notes(mlkata, mlkata_dirs, make_bank, tmp_path, monkeypatch):
    make_bank({"pair-lookup": {"difficulty": "Easy", "leetcode": 1, "log_topic": "Hash Table / Two Sum"}})
    sheet = tmp_path / "sheet.md"
    sheet.write_text(SHEET)
    r = mlkata("log", "import", str(sheet))
    assert r.exit_code == 0, r.output
    assert "2 bank problems, 4 external" in r.output
    first = mlkata("log", "--export", "md").output
    t = rows(first)
    assert first == SHEET  # the user's file comes back as written (docs/practice-log.md)
    assert t["LC 1"] == ["Hash Table / Two Sum", "Easy", "✅", "2027-01-20"]  # the bank problem, by LeetCode number
    assert t["LC 146"] == ["Design / LRU Cache", "Medium", "⚠️", "2026-12-03"]  # external, kept
    assert t["LC 42"] == ["Monotonic Stack / Trapping Rain Water", "Hard", "", ""]
    assert t["softmax"] == ["whatever", "L1", "❌", "2026-12-01"]  # the user's cells as written
    assert t["LC 3"][2:] == ["⚠", ""]  # ⚠️ without a date: due now in mlkata, blank in the file
    assert "LC 3" in mlkata("next").output
    assert t["LC 11"][2:] == ["fluent", ""]  # no invented spot-check date
    assert list(t) == ["LC 1", "LC 146", "LC 42", "softmax", "LC 3", "LC 11"]  # the user's order
    # into a fresh user directory: nothing lost
    exported = tmp_path / "exported.md"
    exported.write_text(first)
    monkeypatch.setenv("MLKATA_HOME", str(tmp_path / "home2"))
    assert mlkata("log", "import", str(exported)).exit_code == 0
    assert mlkata("log", "--export", "md").output == first
    # and into the same one again: nothing changes
    monkeypatch.setenv("MLKATA_HOME", str(mlkata_dirs["home"]))
    r = mlkata("log", "import", str(exported))
    assert "0 statuses, 0 review dates" in r.output
    assert mlkata("log", "--export", "md").output == first
    assert "LC 146" in mlkata("log").output
    # a later file without Topic/Difficulty columns keeps what is known
    sparse = tmp_path / "sparse.md"
    sparse.write_text("| Problem | Status |\n|---|---|\n| LC 146 | ❌ |\n")
    mlkata("log", "import", str(sparse))
    assert rows(mlkata("log", "--export", "md").output)["LC 146"] == ["❌"]  # in the new file's layout
    assert "Design / LRU Cache" in mlkata("log").output


def test_done_records_an_outside_review_and_reschedules(mlkata, tmp_path, make_bank):
    make_bank({})
    sheet = tmp_path / "sheet.md"
    sheet.write_text("| Problem | Topic | Difficulty | Status | Review Date |\n|---|---|---|---|---|\n"
                     "| LC 146 | Design / LRU Cache | Medium | ⚠️ | 2020-01-01 |\n"
                     "| LC 42 | Trapping Rain Water | Hard |  |  |\n")
    mlkata("log", "import", str(sheet))
    out = mlkata("next").output
    assert "due for review (1)" in out and 'mlkata log done "LC 146"' in out
    new = out.index("new (2)")
    assert new < out.index("softmax", new) < out.index("LC 42", new)  # bank problems first, then externals
    r = mlkata("log", "done", "LC 146", "shaky")
    assert r.exit_code == 0 and "rating hard" in r.output
    row = rows(mlkata("log", "--export", "md").output)["LC 146"]
    assert row[2] == "⚠️" and date.fromisoformat(row[3]) > TODAY()  # scheduled by FSRS, in days
    assert "due for review" not in mlkata("next").output
    mlkata("log", "done", "lc146", "fluent")
    row = rows(mlkata("log", "--export", "md").output)["LC 146"]
    assert row[2] == "✅" and date.fromisoformat(row[3]) >= TODAY() + timedelta(days=SPOT_CHECK_DAYS)
    r = mlkata("log", "done", "LC 999", "unknown")  # a new external entry
    assert r.exit_code == 0
    assert rows(mlkata("log", "--export", "md").output)["LC 999"][2] == "❌"


def test_external_entry_is_adopted_when_the_bank_gains_its_problem(mlkata, make_bank, tmp_path):
    sheet = tmp_path / "sheet.md"
    sheet.write_text("| Problem | Status | Review Date |\n|---|---|---|\n| LC 7 | ⚠️ | 2026-12-09 |\n\nNotes:\n- LC 7: mind overflow\n")
    make_bank({})
    mlkata("log", "import", str(sheet))
    assert rows(mlkata("log", "--export", "md").output)["LC 7"] == ["⚠️", "2026-12-09"]
    make_bank({"reverse-digits": {"difficulty": "Medium", "leetcode": 7}})
    out = mlkata("log", "--export", "md").output
    assert rows(out)["LC 7"] == ["⚠️", "2026-12-09"]
    assert "reverse-digits" not in out  # the external row became the bank problem's row
    assert out.count("LC 7") == 2  # one row and its note
    assert "- LC 7: mind overflow" in out


def test_malformed_import_writes_nothing(mlkata, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("| Problem | Status | Review Date |\n|---|---|---|\n| LC 9 | ✅ | 2026-12-01 |\n| LC 10 | maybe | |\n")
    r = mlkata("log", "import", str(bad))
    assert r.exit_code == 1 and "line 4" in r.output and "maybe" in r.output
    assert "LC 9" not in mlkata("log", "--export", "md").output
    bad.write_text("| Problem | Status | Review Date |\n|---|---|---|\n| LC 9 | ✅ | 01/12/2026 |\n")
    r = mlkata("log", "import", str(bad))
    assert r.exit_code == 1 and "line 3" in r.output and "YYYY-MM-DD" in r.output
    bad.write_text("no table here\n")
    assert "no table" in mlkata("log", "import", str(bad)).output


def test_next_suggests_due_reviews_then_unknown_then_new(mlkata, make_bank, files, monkeypatch):
    make_bank({"zz-due": {}, "zz-open": {}})
    r = mlkata("next")
    assert r.output.splitlines()[0] == "next: mlkata start softmax"  # nothing practised: bank order
    mlkata("check", "zz-open", "--file", files["bad"])  # ❌ unknown, due in a minute: not yet due
    mlkata("check", "zz-due", "--file", files["good"])
    mlkata("log", "set", "zz-due", "--review", "2020-01-01")  # a review in the past: due
    out = mlkata("next").output
    assert out.splitlines()[0].startswith("next: mlkata start zz-due --force")
    due, open_, new = out.index("due for review (1)"), out.index("to work on (1)"), out.index("new (1)")
    assert due < out.index("zz-due", due) < open_ < out.index("zz-open", open_) < new < out.index("softmax", new)
    assert "spot-check" in out  # zz-due is fluent: its review is a spot-check
    assert "cards" not in out
    fake = types.ModuleType("mlkata.study.cards")
    fake.due_count = lambda conn: 3
    monkeypatch.setitem(sys.modules, "mlkata.study.cards", fake)
    # the real module may be imported already: `from mlkata.study import cards` then reads the attribute
    monkeypatch.setattr(sys.modules["mlkata.study"], "cards", fake, raising=False)
    assert "concept cards due: 3" in mlkata("next").output


def test_log_tables_are_in_the_schema(tmp_path):
    from mlkata.store import connect

    conn = connect(tmp_path / "x.db")
    cols = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in ("log_status", "log_notes", "log_external")}
    assert cols == {"log_status": ["entry", "status", "at"], "log_notes": ["entry", "text", "at"],
                    "log_external": ["entry", "leetcode", "topic", "difficulty", "added_at"]}


def test_list_shows_a_status_set_by_hand(mlkata, files):
    def softmax_row() -> str:
        out = mlkata("list", "--topic", "foundations").output
        return next(line for line in out.splitlines() if line.split()[:1] == ["softmax"])

    mlkata("check", "softmax", "--file", files["bad"])
    assert "unknown" in softmax_row()
    mlkata("log", "set", "softmax", "--status", "shaky")
    assert "shaky" in softmax_row()
