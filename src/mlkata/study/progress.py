"""Attempts and events (hints, solution views) and the status they imply.

Status of a problem, derived from its history (the sheet's three markers):

* ``new``     — never checked.
* ``unknown`` (❌) — checked, never passed.
* ``fluent``  (✅) — the latest check passed, and since the pass before it (or since the
  beginning) there was no failed check, no hint and no solution view: solved cleanly.
* ``shaky``   (⚠️) — passed at some point, but the latest pass needed failures, hints or the
  solution, or a check after the latest pass failed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

MARKERS = {"fluent": "✅", "shaky": "⚠️", "unknown": "❌", "new": "·"}


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def record_attempt(conn: sqlite3.Connection, result, code: str) -> int:
    """Store one check. One transaction: a crash leaves either the whole row or nothing."""
    core_p, core_t = result.counts("core")
    edge_p, edge_t = result.counts("edge")
    with conn:
        cur = conn.execute(
            "INSERT INTO attempts (problem, at, status, core_passed, core_total, edge_passed, edge_total, strict,"
            " duration, diagnosis, code_hash, code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (result.problem, now_utc(), result.status, core_p, core_t, edge_p, edge_t, int(result.strict),
             float(result.duration), result.diagnosis.id if result.diagnosis else None,
             hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest(), code),
        )
    return int(cur.lastrowid)


def record_event(conn: sqlite3.Connection, problem: str, kind: str, detail: str | None = None) -> None:
    with conn:
        conn.execute("INSERT INTO events (problem, at, kind, detail) VALUES (?,?,?,?)", (problem, now_utc(), kind, detail))


def count_events(conn: sqlite3.Connection, problem: str, kind: str) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM events WHERE problem=? AND kind=?", (problem, kind)).fetchone()[0])


@dataclass
class Progress:
    status: str
    attempts: int
    passes: int
    last_at: str | None
    hints: int
    solution_seen: bool


def derive_status(history: list[tuple[str, str]]) -> str:
    """history: (kind, status) in time order; kind is 'attempt' or an event kind."""
    attempts = [s for k, s in history if k == "attempt"]
    if not attempts:
        return "new"
    if "pass" not in attempts:
        return "unknown"
    if attempts[-1] != "pass":
        return "shaky"
    # look back from the latest pass to the pass before it
    last = max(i for i, (k, s) in enumerate(history) if k == "attempt" and s == "pass")
    prev = [i for i, (k, s) in enumerate(history[:last]) if k == "attempt" and s == "pass"]
    start = prev[-1] + 1 if prev else 0
    window = history[start:last]
    clean = all(k == "attempt" and s == "pass" for k, s in window) and not any(k in ("hint", "solution") for k, _ in window)
    return "fluent" if clean else "shaky"


def progress(conn: sqlite3.Connection, problem: str) -> Progress:
    rows = conn.execute(
        "SELECT at, 'attempt' AS kind, status FROM attempts WHERE problem=?"
        " UNION ALL SELECT at, kind, detail FROM events WHERE problem=? AND kind IN ('hint','solution')"
        " ORDER BY at",
        (problem, problem),
    ).fetchall()
    history = [(r["kind"], r["status"]) for r in rows]
    attempts = [h for h in history if h[0] == "attempt"]
    return Progress(
        status=derive_status(history),
        attempts=len(attempts),
        passes=sum(s == "pass" for _, s in attempts),
        last_at=rows[-1]["at"] if rows else None,
        hints=sum(k == "hint" for k, _ in history),
        solution_seen=any(k == "solution" for k, _ in history),
    )


def all_progress(conn: sqlite3.Connection, problems: list[str]) -> dict[str, Progress]:
    return {p: progress(conn, p) for p in problems}
