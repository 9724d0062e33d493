"""Migrations: a blank database gets the exact schema; reopening applies nothing twice."""

from __future__ import annotations

from mlkata.store import connect
from mlkata.store.db import MIGRATIONS


def test_blank_database_migrates_to_the_full_schema(tmp_path):
    conn = connect(tmp_path / "x.db")
    applied = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert applied == [name for name, _ in MIGRATIONS]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"attempts", "events", "srs_state", "srs_log", "_migrations"} <= tables
    cols = [r[1] for r in conn.execute("PRAGMA table_info(attempts)")]
    assert cols == ["id", "problem", "at", "status", "core_passed", "core_total", "edge_passed", "edge_total",
                    "strict", "duration", "diagnosis", "code_hash", "code"]
    conn.close()
    conn = connect(tmp_path / "x.db")
    assert conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
