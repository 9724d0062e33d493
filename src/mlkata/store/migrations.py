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


@migration
def m003_srs(conn: sqlite3.Connection) -> None:
    """FSRS state per item (card:<id>, problem:<id>) and every rating given (UTC)."""
    conn.execute(
        """CREATE TABLE srs_state (
            item TEXT PRIMARY KEY,
            kind TEXT NOT NULL,            -- card / problem
            card TEXT NOT NULL,            -- fsrs.Card.to_dict() as JSON
            due TEXT NOT NULL,             -- UTC ISO-8601, copied out of `card` for queries
            suspended INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX srs_state_due ON srs_state(kind, due)")
    conn.execute(
        """CREATE TABLE srs_log (
            id INTEGER PRIMARY KEY,
            item TEXT NOT NULL,
            kind TEXT NOT NULL,
            rating INTEGER NOT NULL,       -- 1 again, 2 hard, 3 good, 4 easy
            at TEXT NOT NULL,              -- UTC ISO-8601
            duration_ms INTEGER,
            log TEXT NOT NULL              -- fsrs.ReviewLog.to_dict() as JSON
        )"""
    )
    conn.execute("CREATE INDEX srs_log_item ON srs_log(item, at)")


@migration
def m030_log_status(conn: sqlite3.Connection) -> None:
    """Practice log: the user's status override per entry (a bank id or an external key like 'LC 146').

    An override holds until the next check of that problem (see mlkata.study.log)."""
    conn.execute(
        """CREATE TABLE log_status (
            entry TEXT PRIMARY KEY,
            status TEXT NOT NULL,          -- fluent / shaky / unknown
            at TEXT NOT NULL               -- UTC ISO-8601, compared with attempts.at
        )"""
    )


@migration
def m031_log_notes(conn: sqlite3.Connection) -> None:
    """Practice log: one free-text note per entry (single line)."""
    conn.execute(
        """CREATE TABLE log_notes (
            entry TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )


@migration
def m032_log_external(conn: sqlite3.Connection) -> None:
    """Practice log: problems practised elsewhere (not in the bank), e.g. imported 'LC 146' rows."""
    conn.execute(
        """CREATE TABLE log_external (
            entry TEXT PRIMARY KEY,        -- the Problem cell as normalised: 'LC 146' or free text
            leetcode INTEGER,              -- the LeetCode number when the entry is 'LC <n>'
            topic TEXT NOT NULL DEFAULT '',
            difficulty TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        )"""
    )


@migration
def m040_mock_sessions(conn: sqlite3.Connection) -> None:
    """Mock interviews: one row per session, its full report as JSON (see mlkata.study.mock)."""
    conn.execute(
        """CREATE TABLE mock_sessions (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,      -- UTC ISO-8601
            ended_at TEXT NOT NULL,
            minutes INTEGER NOT NULL,      -- the time box asked for
            seed INTEGER NOT NULL,         -- replays the same problem and card choice
            problem TEXT,                  -- bank id of the coding problem
            verdict TEXT,                  -- pass / fail / error / ... / skipped
            cards_asked INTEGER NOT NULL,
            cards_recalled INTEGER NOT NULL, -- rated hard, good or easy
            report TEXT NOT NULL           -- JSON: parts, times, ratings, what to review
        )"""
    )


@migration
def m050_attempt_rechecks(conn: sqlite3.Connection) -> None:
    """Honest record: an attempt is a judgement of distinct content. A check whose code has the
    same hash as an earlier attempt of the same problem is a re-check, not a new attempt: it
    lives here (kept, never counted) and points at the attempt it repeats. Earlier databases
    recorded re-checks as attempts: they move here, oldest row of each content staying put."""
    conn.execute(
        """CREATE TABLE attempt_rechecks (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            at TEXT NOT NULL,              -- UTC ISO-8601
            status TEXT NOT NULL,          -- the verdict of this re-check
            code_hash TEXT NOT NULL,
            attempt INTEGER NOT NULL       -- attempts.id of the first attempt with this content
        )"""
    )
    conn.execute("CREATE INDEX attempt_rechecks_problem ON attempt_rechecks(problem, at)")
    conn.execute("CREATE INDEX IF NOT EXISTS attempts_hash ON attempts(problem, code_hash)")
    first = ("(SELECT b.id FROM attempts b WHERE b.problem = a.problem AND b.code_hash = a.code_hash"
             " ORDER BY b.at, b.id LIMIT 1)")
    dupes = [(r[0], r[1]) for r in conn.execute(f"SELECT a.id, {first} FROM attempts a WHERE a.id != {first}")]
    for dupe, original in dupes:
        conn.execute("INSERT INTO attempt_rechecks (problem, at, status, code_hash, attempt)"
                     " SELECT problem, at, status, code_hash, ? FROM attempts WHERE id=?", (original, dupe))
        conn.execute("DELETE FROM attempts WHERE id=?", (dupe,))
