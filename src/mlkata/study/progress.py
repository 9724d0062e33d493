"""Attempts and events (hints, solution views) and the status they imply.

Status of a problem, derived from its history (the sheet's three markers):

* ``new``     — never checked.
* ``unknown`` (❌) — checked, never passed.
* ``fluent``  (✅) — the latest check is a clean pass (no failed check, hint or solution view
  since the pass before it, or since the beginning) and either the problem was not shaky
  before it or it is an *independent* solve: at least INDEPENDENT_HOURS after the pass before it.
* ``shaky``   (⚠️) — passed at some point, but the latest pass needed failures, hints or the
  solution, a check after the latest pass failed, or no independent clean pass came since.

Only distinct content counts: an attempt is a judgement of a file whose hash differs from every
earlier attempt of the problem (re-checks go to ``attempt_rechecks``), and a file that is still
the starter is no attempt at all (see :mod:`mlkata.study.checks`). docs/practice-log.md has the rule.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

MARKERS = {"fluent": "✅", "shaky": "⚠️", "unknown": "❌", "new": "·"}
# a clean pass after a shaky one makes the problem fluent only this long after that pass: a solve
# from memory on another sitting, not the same file tidied up a minute later
INDEPENDENT_HOURS = 12


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def content_hash(code: str) -> str:
    """The identity of a submission: SHA-256 of its text (as stored in attempts.code_hash)."""
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def same_content(conn: sqlite3.Connection, problem: str, code: str):
    """The earliest attempt of `problem` with exactly this content (a row), or None."""
    return conn.execute("SELECT id, at, status FROM attempts WHERE problem=? AND code_hash=? ORDER BY at, id LIMIT 1",
                        (problem, content_hash(code))).fetchone()


def record_recheck(conn: sqlite3.Connection, result, code: str, attempt_id: int) -> None:
    """A re-check of content already judged: kept for the record, never counted as an attempt."""
    with conn:
        conn.execute("INSERT INTO attempt_rechecks (problem, at, status, code_hash, attempt) VALUES (?,?,?,?,?)",
                     (result.problem, now_utc(), result.status, content_hash(code), attempt_id))


def record_attempt(conn: sqlite3.Connection, result, code: str) -> int:
    """Store one check. One transaction: a crash leaves either the whole row or nothing.
    Callers go through :func:`mlkata.study.checks.record_check`, which skips re-checks and starters."""
    core_p, core_t = result.counts("core")
    edge_p, edge_t = result.counts("edge")
    with conn:
        cur = conn.execute(
            "INSERT INTO attempts (problem, at, status, core_passed, core_total, edge_passed, edge_total, strict,"
            " duration, diagnosis, code_hash, code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (result.problem, now_utc(), result.status, core_p, core_t, edge_p, edge_t, int(result.strict),
             float(result.duration), result.diagnosis.id if result.diagnosis else None,
             content_hash(code), code),
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


def _parse(at: str | None) -> datetime | None:
    if not at:
        return None
    t = datetime.fromisoformat(at)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def independent(at: str | None, previous_pass_at: str | None) -> bool:
    """A pass is independent of the pass before it when it came INDEPENDENT_HOURS or more later."""
    t, t0 = _parse(at), _parse(previous_pass_at)
    if t is None or t0 is None:
        return False
    return t - t0 >= timedelta(hours=INDEPENDENT_HOURS)


def derive_status(history: list[tuple]) -> str:
    """history: (kind, status, at) in time order; kind is 'attempt' or an event kind ('hint',
    'solution'); `at` is the UTC ISO time. The status after each attempt:

    * a failed check: shaky if the problem was ever passed, else unknown;
    * a pass after a failed check, hint or solution view since the previous pass: shaky;
    * a clean pass (none of those since the previous pass): fluent if the problem was new or
      fluent, or if this pass is independent (INDEPENDENT_HOURS after the previous pass);
      otherwise it stays shaky — the same solution tidied up is not a second solve.
    """
    status, tainted, last_pass = "new", False, None
    for item in history:
        kind, verdict = item[0], item[1]
        at = item[2] if len(item) > 2 else None
        if kind in ("hint", "solution"):
            tainted = True
            continue
        if kind != "attempt":
            continue
        if verdict != "pass":
            status = "shaky" if status in ("fluent", "shaky") else "unknown"
            tainted = True
            continue
        if tainted:
            status = "shaky"
        elif status in ("new", "fluent") or independent(at, last_pass):
            status = "fluent"
        else:
            status = "shaky"
        tainted, last_pass = False, at
    return status


def progress(conn: sqlite3.Connection, problem: str) -> Progress:
    rows = conn.execute(
        "SELECT at, 'attempt' AS kind, status FROM attempts WHERE problem=?"
        " UNION ALL SELECT at, kind, detail FROM events WHERE problem=? AND kind IN ('hint','solution')"
        " ORDER BY at",
        (problem, problem),
    ).fetchall()
    history = [(r["kind"], r["status"], r["at"]) for r in rows]
    attempts = [h[:2] for h in history if h[0] == "attempt"]
    return Progress(
        status=derive_status(history),
        attempts=len(attempts),
        passes=sum(s == "pass" for _, s in attempts),
        last_at=rows[-1]["at"] if rows else None,
        hints=sum(h[0] == "hint" for h in history),
        solution_seen=any(h[0] == "solution" for h in history),
    )


def all_progress(conn: sqlite3.Connection, problems: list[str]) -> dict[str, Progress]:
    return {p: progress(conn, p) for p in problems}
