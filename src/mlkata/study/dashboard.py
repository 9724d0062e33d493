"""What the dashboard and `mlkata stats` show, computed from the store (no rendering here).

Knows no problem or card by name. Pure functions take plain data (statuses, dates, Card-like
objects with ``id``/``level``/``parent``), so they can be tested with simple stand-ins; the
``*_from_store`` helpers read the database.

* **Mastery** of a topic: ``(fluent + 0.5·shaky) / problems`` over its bank problems, with the
  practice log's statuses (your overrides included). The *weakest* topics have the lowest
  mastery; ties go to the topic with more ❌ problems, then more failed checks, then bank order.
* **Streak**: consecutive local days with any activity (a check, a hint, a card rating, a mock),
  ending today, or yesterday when you have not practised yet today (the streak is still alive).
* **Retention** (cards): the share of reviews of already-seen cards rated above "again".
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

LEVELS = ("L1", "L2", "L3")
STATUS_WEIGHT = {"fluent": 1.0, "shaky": 0.5, "unknown": 0.0, "new": 0.0}


def local_date(at: str) -> date:
    """A stored UTC ISO timestamp as a date in the local time zone."""
    return datetime.fromisoformat(at).astimezone().date()


# ---------------------------------------------------------------------------------------------
# streak


def streak(days: set[date], today: date) -> int:
    """Consecutive days with activity ending today (or yesterday if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n


def activity_days(conn: sqlite3.Connection) -> set[date]:
    stamps = [r[0] for r in conn.execute(
        "SELECT at FROM attempts UNION ALL SELECT at FROM events UNION ALL SELECT at FROM srs_log")]
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name='mock_sessions'").fetchone():
        stamps += [r[0] for r in conn.execute("SELECT started_at FROM mock_sessions")]
    return {local_date(s) for s in stamps}


# ---------------------------------------------------------------------------------------------
# problems by topic and level


@dataclass
class TopicProgress:
    topic: str
    title: str
    counts: dict[str, Counter] = field(default_factory=dict)  # level -> Counter(status)
    failed_checks: int = 0

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    def count(self, status: str) -> int:
        return sum(c[status] for c in self.counts.values())

    @property
    def mastery(self) -> float:
        if not self.total:
            return 1.0
        return sum(STATUS_WEIGHT[s] * self.count(s) for s in STATUS_WEIGHT) / self.total


def topic_progress(problems: list, statuses: dict[str, str], topics: dict[str, str],
                   failed_checks: dict[str, int] | None = None) -> list[TopicProgress]:
    """problems: objects with id/topic/level; statuses: id -> fluent/shaky/unknown/new.
    Returns one TopicProgress per topic that has problems, in bank topic order."""
    failed_checks = failed_checks or {}
    out: dict[str, TopicProgress] = {}
    for p in problems:
        tp = out.setdefault(p.topic, TopicProgress(p.topic, topics.get(p.topic, p.topic),
                                                   {lv: Counter() for lv in LEVELS}))
        tp.counts.setdefault(p.level, Counter())[statuses.get(p.id, "new")] += 1
        tp.failed_checks += failed_checks.get(p.id, 0)
    order = {t: i for i, t in enumerate(topics)}
    return sorted(out.values(), key=lambda tp: order.get(tp.topic, len(order)))


def weakest(progress: list[TopicProgress], n: int = 3) -> list[TopicProgress]:
    """Lowest mastery first; ties: more ❌, then more failed checks, then bank order (stable)."""
    ranked = sorted(progress, key=lambda tp: (tp.mastery, -tp.count("unknown"), -tp.failed_checks))
    return ranked[:n]


def failed_checks(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in conn.execute(
        "SELECT problem, COUNT(*) FROM attempts WHERE status != 'pass' GROUP BY problem")}


def bank_statuses(conn: sqlite3.Connection, bank) -> dict[str, str]:
    """Problem id -> status as the practice log shows it (your overrides included)."""
    from mlkata.study import log

    return {e.problem: e.status for e in log.entries(conn, bank) if e.problem is not None}


# ---------------------------------------------------------------------------------------------
# concept cards


@dataclass
class CardSummary:
    total: int
    due: int
    new: int                                   # never rated
    by_level: dict[str, tuple[int, int]]       # level -> (seen, total)
    retention: float | None                    # over all reviews of already-seen cards


def card_summary(cards: list, seen: set[str], due: set[str], recalls: tuple[int, int] = (0, 0)) -> CardSummary:
    """cards: Card-like objects (``id``, ``level``); seen/due: card ids; recalls: (recalled, reviews)."""
    by_level = {}
    for lv in LEVELS:
        at = [c for c in cards if c.level == lv]
        by_level[lv] = (sum(c.id in seen for c in at), len(at))
    ids = {c.id for c in cards}
    return CardSummary(
        total=len(cards), due=len(due & ids), new=sum(c.id not in seen for c in cards), by_level=by_level,
        retention=(recalls[0] / recalls[1]) if recalls[1] else None,
    )


def load_cards() -> tuple[list | None, str | None]:
    """(every card, None); (None, None) when the concept-card module is not installed;
    (None, message) when a deck is malformed (the dashboard says so instead of failing)."""
    try:
        from mlkata.study import cards
    except ImportError:
        return None, None
    try:
        return [c for d in cards.load_decks() for c in d.cards], None
    except Exception as exc:  # a malformed deck must not take the dashboard down
        return None, str(exc)


def card_summary_from_store(conn: sqlite3.Connection, cards: list, now: datetime) -> CardSummary:
    from mlkata.study import srs

    strip = lambda item: item.split(":", 1)[1]  # noqa: E731
    seen = {strip(r[0]) for r in conn.execute("SELECT DISTINCT item FROM srs_log WHERE kind='card'")}
    due = {strip(i) for i in srs.due_items(conn, kind="card", now=now)}
    return card_summary(cards, seen, due, recalls(review_rows(conn, "card")))


# ---------------------------------------------------------------------------------------------
# history over time (for `mlkata stats`)


def review_rows(conn: sqlite3.Connection, kind: str) -> list[tuple[str, str, int]]:
    """(item, at, rating) of every rating of this kind, in time order."""
    return [(r[0], r[1], int(r[2])) for r in conn.execute(
        "SELECT item, at, rating FROM srs_log WHERE kind=? ORDER BY at, id", (kind,))]


def recalls(rows: list[tuple[str, str, int]]) -> tuple[int, int]:
    """(recalled, reviews) over reviews of items already rated before (the first rating is learning)."""
    seen: set[str] = set()
    ok = n = 0
    for item, _, rating in rows:
        if item in seen:
            n += 1
            ok += rating > 1
        seen.add(item)
    return ok, n


@dataclass
class Daily:
    days: list[date]
    attempts: list[int]
    passes: list[int]
    cards: list[int]
    recalled: list[int]
    recall_reviews: list[int]

    @property
    def pass_rate(self) -> list[float]:
        return [p / a if a else float("nan") for p, a in zip(self.passes, self.attempts)]

    @property
    def retention(self) -> list[float]:
        return [r / n if n else float("nan") for r, n in zip(self.recalled, self.recall_reviews)]

    @staticmethod
    def rolling(num: list[int], den: list[int], window: int) -> list[float]:
        """sum(num) / sum(den) over the `window` days ending at each day; NaN where den sums to 0."""
        out = []
        for i in range(len(num)):
            lo = max(0, i - window + 1)
            n, d = sum(num[lo:i + 1]), sum(den[lo:i + 1])
            out.append(n / d if d else float("nan"))
        return out


def daily(attempts: list[tuple[str, str]], card_reviews: list[tuple[str, str, int]], today: date, span: int) -> Daily:
    """attempts: (at, status); card_reviews: (item, at, rating) in time order. The last `span` days."""
    days = [today - timedelta(days=span - 1 - i) for i in range(span)]
    index = {d: i for i, d in enumerate(days)}
    out = Daily(days, [0] * span, [0] * span, [0] * span, [0] * span, [0] * span)
    for at, status in attempts:
        i = index.get(local_date(at))
        if i is not None:
            out.attempts[i] += 1
            out.passes[i] += status == "pass"
    seen: set[str] = set()
    for item, at, rating in card_reviews:
        i = index.get(local_date(at))
        if i is not None:
            out.cards[i] += 1
            if item in seen:
                out.recall_reviews[i] += 1
                out.recalled[i] += rating > 1
        seen.add(item)
    return out


def daily_from_store(conn: sqlite3.Connection, today: date, span: int) -> Daily:
    attempts = [(r[0], r[1]) for r in conn.execute("SELECT at, status FROM attempts ORDER BY at")]
    return daily(attempts, review_rows(conn, "card"), today, span)


def by_level_topic(progress: list[TopicProgress]) -> dict[str, Counter]:
    """Level -> Counter(status) summed over topics."""
    out: dict[str, Counter] = defaultdict(Counter)
    for tp in progress:
        for lv, c in tp.counts.items():
            out[lv].update(c)
    return out
