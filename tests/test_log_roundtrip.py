"""The practice log round trip: a user's own log file comes back as written (heading, legend,
row order, external rows, blank dates, notes), and a malformed file changes nothing."""

from __future__ import annotations

LOG = """# My practice log

Started in November. Status markers: ✅ Fluent | ⚠️ Shaky | ❌ Unknown — schedule review only for ⚠️/❌.

| Problem | Topic | Difficulty | Status | Review Date |
|---------|-------|------------|--------|-------------|
| LC 146 | Design / LRU Cache | Medium | ⚠️ | 2026-12-20 |
| LC 1 | Hash Table / Two Sum | Easy | ✅️ |  |
| LC 42 | Monotonic Stack / Trapping Rain Water | Hard | ❌ | 2026-12-10 |
| LC 3 | Sliding Window | Medium | ✅ | |
| LC 56 | Interval Merge | Medium |  |  |

Notes:
- LC 146: move to front on get,  not only on put
- LC 42: two pointers beat the stack

Keep going!
"""


def test_a_real_log_round_trips_byte_for_byte(mlkata, tmp_path):
    f = tmp_path / "log.md"
    f.write_bytes(b"\xef\xbb\xbf" + LOG.encode("utf-8"))      # a BOM, and ✅️ with its variation selector
    r = mlkata("log", "import", str(f))
    assert r.exit_code == 0, r.output
    assert mlkata("log", "--export", "md").output == LOG


def test_export_after_changes_keeps_the_layout(mlkata, tmp_path):
    f = tmp_path / "log.md"
    f.write_text(LOG, encoding="utf-8")
    assert mlkata("log", "import", str(f)).exit_code == 0
    assert mlkata("log", "note", "LC 42", "monotonic stack after all").exit_code == 0
    assert mlkata("log", "set", "softmax", "--status", "shaky").exit_code == 0   # a bank problem not in the file
    out = mlkata("log", "--export", "md").output.splitlines()
    lines = LOG.splitlines()
    assert out[:11] == lines[:11] and out[-1] == "Keep going!"           # heading, legend, rows in order
    assert out[11].startswith("| softmax |") and "⚠️" in out[11]         # the new row goes after the user's
    assert "- LC 42: monotonic stack after all" in out and "- LC 146: move to front on get,  not only on put" in out
    # a bank problem never touched is not listed (the sheet lists what you practised)
    assert not any(l.startswith("| two-sum") or l.startswith("| climbing-stairs") for l in out)


def test_without_an_imported_file_only_practised_rows_are_exported(mlkata):
    out = mlkata("log", "--export", "md").output
    assert out.splitlines() == ["| Problem | Topic | Difficulty | Status | Review Date |", "|---|---|---|---|---|"]
    mlkata("log", "set", "softmax", "--status", "fluent")
    row = [l for l in mlkata("log", "--export", "md").output.splitlines() if "softmax" in l][0]
    assert row.endswith("| ✅ |  |")          # no invented spot-check date in the sheet's table
    assert "spot-check" in mlkata("log").output   # it lives in mlkata's own view


def test_malformed_rows_name_file_and_line_and_commit_nothing(mlkata, tmp_path):
    before = mlkata("log", "--export", "md").output
    for body, line in (("| LC 9 | T | Easy | ✅ | 2026-12-01 |\n| LC 10 | T | Easy | ❌ | | extra |\n", 4),
                       ("| LC 9 | T | Easy | ✅ | 2026-12-01 |\n| LC 10 | ❌ |\n", 4)):
        f = tmp_path / "bad.md"
        f.write_text("| Problem | Topic | Difficulty | Status | Review Date |\n|---|---|---|---|---|\n" + body)
        r = mlkata("log", "import", str(f))
        assert r.exit_code == 1 and "bad.md" in r.output and f"line {line}" in r.output and "cells" in r.output
        assert mlkata("log", "--export", "md").output == before       # not even LC 9
    f = tmp_path / "latin.md"
    f.write_bytes(b"| Problem | Status |\n|---|---|\n| caf\xe9 | fluent |\n")
    r = mlkata("log", "import", str(f))
    assert r.exit_code == 1 and "latin.md: line 3" in r.output and "Traceback" not in r.output


def test_an_error_midway_commits_nothing(mlkata, monkeypatch):
    # rows are written, then the notes fail: the import is one transaction, so nothing stays
    from mlkata.bank import load_bank
    from mlkata.store import connect
    from mlkata.study import log

    conn = connect()
    before = mlkata("log", "--export", "md").output

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(log, "set_note", broken)
    try:
        log.import_md(conn, load_bank(), LOG)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the import should have failed")
    fresh = connect()
    assert fresh.execute("SELECT COUNT(*) FROM log_external").fetchone()[0] == 0
    assert fresh.execute("SELECT COUNT(*) FROM log_status").fetchone()[0] == 0
    assert fresh.execute("SELECT COUNT(*) FROM srs_state WHERE item LIKE 'problem:%'").fetchone()[0] == 0
    assert mlkata("log", "--export", "md").output == before


def test_windows_line_endings_round_trip(mlkata, tmp_path):
    from click.testing import CliRunner

    from mlkata.cli.main import cli

    f = tmp_path / "log.md"
    f.write_bytes(LOG.replace("\n", "\r\n").encode("utf-8"))
    assert mlkata("log", "import", str(f)).exit_code == 0
    out = CliRunner().invoke(cli, ["log", "--export", "md"]).stdout_bytes
    assert out == LOG.replace("\n", "\r\n").encode("utf-8")
