"""What a review session shows, and in which order: the library core behind `mlkata review`.

* **Due** cards (studied before, FSRS due date reached) come first, most overdue first.
* **New** cards follow in deck order, at most ``new_per_day`` introduced per local calendar
  day (counted from the review log, so quitting and restarting does not reset it).
* A **follow-up** is new-eligible only once its parent is *known*: rated Good or Easy at
  least once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from mlkata.study import srs
from mlkata.study.cards import ITEM_PREFIX, Card, Deck

DEFAULT_NEW_PER_DAY = 20


def new_per_day_default() -> int:
    value = os.environ.get("MLKATA_NEW_CARDS_PER_DAY")
    try:
        return max(0, int(value)) if value else DEFAULT_NEW_PER_DAY
    except ValueError:
        return DEFAULT_NEW_PER_DAY


def start_of_local_day(now: datetime) -> datetime:
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(timezone.utc)


def introduced_since(conn, since: datetime) -> int:
    """How many cards had their very first rating at or after `since`."""
    row = conn.execute(
        "SELECT COUNT(*) FROM (SELECT item, MIN(at) AS first FROM srs_log WHERE kind='card' GROUP BY item)"
        " WHERE first >= ?", (since.isoformat(),)).fetchone()
    return int(row[0])


def known(conn, card: Card) -> bool:
    row = conn.execute("SELECT 1 FROM srs_log WHERE item=? AND rating >= 3 LIMIT 1", (card.item,)).fetchone()
    return row is not None


def select(decks: list[Deck], level: tuple[str, ...] = (), topic: tuple[str, ...] = (),
           deck: tuple[str, ...] = ()) -> list[Card]:
    out = []
    for d in decks:
        if deck and d.id not in deck:
            continue
        for c in d.cards:
            if level and c.level not in level:
                continue
            if topic and not set(topic) & set(c.topics):
                continue
            out.append(c)
    return out


@dataclass
class Queue:
    due: list[Card]
    new: list[Card]
    new_left: int          # new cards still allowed today (after those in `new`)
    later: int             # cards studied and not due yet


def build_queue(conn, cards: list[Card], new_per_day: int, now: datetime | None = None) -> Queue:
    now = now or srs.utcnow()
    states = {r["item"]: r for r in conn.execute("SELECT item, due, suspended FROM srs_state WHERE kind='card'")}
    due, new_candidates, later = [], [], 0
    for c in cards:
        st = states.get(c.item)
        if st is None:
            new_candidates.append(c)
        elif st["suspended"]:
            continue
        elif datetime.fromisoformat(st["due"]) <= now:
            due.append((datetime.fromisoformat(st["due"]), c))
        else:
            later += 1
    due.sort(key=lambda t: t[0])
    allowance = max(0, new_per_day - introduced_since(conn, start_of_local_day(now)))
    by_id = {c.id: c for c in cards}
    new = []
    for c in new_candidates:
        if len(new) >= allowance:
            break
        if c.parent is not None:
            parent = by_id.get(c.parent) or Card(c.parent, c.deck, c.level, (), (), "", "")
            if not known(conn, parent):
                continue
        new.append(c)
    return Queue([c for _, c in due], new, allowance - len(new), later)


def unlocked_followups(conn, parent: Card, cards: list[Card], queued: set[str]) -> list[Card]:
    """Follow-ups of `parent` that just became eligible (parent now known, never studied)."""
    if not known(conn, parent):
        return []
    out = []
    for c in cards:
        if c.parent == parent.id and c.id not in queued and srs.get_card(conn, c.item) is None:
            out.append(c)
    return out


def format_interval(delta: timedelta) -> str:
    """A short interval: 1m, 5m 30s → 6m, 3h, 12d, 1.5y. Halves round up (not to even), so a
    preview and the interval then applied, equal timedeltas, always print the same."""
    s = max(0, delta.total_seconds())
    half_up = lambda x: int(x + 0.5)  # noqa: E731
    if s < 3600 - 30:
        return f"{max(1, half_up(s / 60))}m"
    if s < 86400 - 1800:
        return f"{half_up(s / 3600)}h"
    days = s / 86400
    if days < 365:
        return f"{half_up(days)}d"
    return f"{days / 365:.1f}y"


def card_status(conn, card: Card, now: datetime | None = None) -> str:
    now = now or srs.utcnow()
    st = srs.get_card(conn, card.item)
    if st is None:
        return "new"
    if st.due <= now:
        return "due"
    return "in " + format_interval(st.due - now)


__all__ = ["ITEM_PREFIX", "Queue", "build_queue", "select", "known", "format_interval", "card_status",
           "new_per_day_default", "unlocked_followups", "introduced_since", "start_of_local_day"]
