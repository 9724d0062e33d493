"""Schema changes, one function each, in order. Never edit a released migration: add one."""

from __future__ import annotations

import sqlite3

from mlkata.store.db import migration


@migration
def m001_attempts(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            at TEXT NOT NULL,              -- UTC ISO-8601
            status TEXT NOT NULL,          -- pass / fail / error / timeout / oom / forbidden
            core_passed INTEGER NOT NULL,
            core_total INTEGER NOT NULL,
            edge_passed INTEGER NOT NULL,
            edge_total INTEGER NOT NULL,
            strict INTEGER NOT NULL DEFAULT 0,
            duration REAL NOT NULL,        -- seconds
            diagnosis TEXT,                -- id of the known mistake seen, if any
            code_hash TEXT NOT NULL,
            code TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX attempts_problem ON attempts(problem, at)")


@migration
def m002_events(conn: sqlite3.Connection) -> None:
    """Hints and solution views: they decide whether a pass counts as fluent."""
    conn.execute(
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,            -- hint / solution / start / reset
            detail TEXT
        )"""
    )
    conn.execute("CREATE INDEX events_problem ON events(problem, at)")
