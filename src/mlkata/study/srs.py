"""Spaced repetition with the `fsrs` package, shared by concept cards and problems.

An *item* is any string key, namespaced by its kind: ``card:<card-id>``, ``problem:<id>``.
Its FSRS card state lives in ``srs_state``; every rating is appended to ``srs_log`` (UTC), so
history can be re-fitted later. Each rating is one transaction: quitting at any point never
loses a rating already given.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta, timezone

RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
RATING_NAMES = {v: k for k, v in RATINGS.items()}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def scheduler():
    import fsrs

    # fuzzing spreads due dates; tests turn it off for exact intervals
    fuzz = os.environ.get("MLKATA_FSRS_FUZZ", "1") != "0"
    return fsrs.Scheduler(enable_fuzzing=fuzz)


def _card_from_row(row) -> "fsrs.Card":
    import fsrs

    return fsrs.Card.from_dict(json.loads(row["card"]))


def get_card(conn: sqlite3.Connection, item: str):
    row = conn.execute("SELECT card FROM srs_state WHERE item=?", (item,)).fetchone()
    return _card_from_row(row) if row else None


def new_card(item: str):
    import zlib

    import fsrs

    # a stable id per item, so exports and re-imports agree
    return fsrs.Card(card_id=zlib.crc32(item.encode()) + 1)


def preview(conn: sqlite3.Connection, item: str, now: datetime | None = None) -> dict[str, timedelta]:
    """The interval each rating would give, before the user picks one."""
    import fsrs

    now = now or utcnow()
    card = get_card(conn, item) or new_card(item)
    s = scheduler()
    out = {}
    for name, value in RATINGS.items():
        nxt, _ = s.review_card(card, fsrs.Rating(value), now)
        out[name] = nxt.due - now
    return out


def rate(conn: sqlite3.Connection, item: str, kind: str, rating: str | int, now: datetime | None = None,
         duration_ms: int | None = None, sched=None) -> "fsrs.Card":
    """Rate an item with `sched` (default: scheduler()) and store its new state and the log row."""
    import fsrs

    now = now or utcnow()
    value = RATINGS[rating] if isinstance(rating, str) else int(rating)
    before = get_card(conn, item) or new_card(item)
    after, log = (sched or scheduler()).review_card(before, fsrs.Rating(value), now, duration_ms)
    with conn:
        conn.execute(
            "INSERT INTO srs_state (item, kind, card, due) VALUES (?,?,?,?) "
            "ON CONFLICT(item) DO UPDATE SET card=excluded.card, due=excluded.due",
            (item, kind, json.dumps(after.to_dict()), after.due.isoformat()),
        )
        conn.execute(
            "INSERT INTO srs_log (item, kind, rating, at, duration_ms, log) VALUES (?,?,?,?,?,?)",
            (item, kind, value, now.isoformat(), duration_ms, json.dumps(log.to_dict())),
        )
    return after


def set_due(conn: sqlite3.Connection, item: str, kind: str, due: datetime) -> None:
    """Move an item's due date (e.g. earlier, after a related failure); the FSRS memory state is kept."""
    card = get_card(conn, item) or new_card(item)
    card.due = due
    with conn:
        conn.execute(
            "INSERT INTO srs_state (item, kind, card, due) VALUES (?,?,?,?) "
            "ON CONFLICT(item) DO UPDATE SET card=excluded.card, due=excluded.due",
            (item, kind, json.dumps(card.to_dict()), due.isoformat()),
        )


def due_items(conn: sqlite3.Connection, kind: str | None = None, now: datetime | None = None) -> list[str]:
    now = now or utcnow()
    sql = "SELECT item FROM srs_state WHERE due <= ? AND suspended = 0"
    params: list = [now.isoformat()]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return [r[0] for r in conn.execute(sql + " ORDER BY due", params)]


def history(conn: sqlite3.Connection, item: str) -> list[dict]:
    rows = conn.execute("SELECT rating, at, duration_ms FROM srs_log WHERE item=? ORDER BY id", (item,))
    return [{"rating": RATING_NAMES.get(r[0], r[0]), "at": r[1], "duration_ms": r[2]} for r in rows]


def rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Carry an item's state and history over to a new key (e.g. a card id that changed)."""
    with conn:
        conn.execute("UPDATE srs_state SET item=? WHERE item=?", (new, old))
        conn.execute("UPDATE srs_log SET item=? WHERE item=?", (new, old))
