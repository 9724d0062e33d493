"""Mock interviews: the choices and bookkeeping behind `mlkata mock` (no terminal I/O here).

A mock is one coding problem chosen from your weakest topics, then concept cards asked the way
an interviewer escalates: an L1 question, then L2, then L3. A question you know (rated good or
easy) earns its follow-ups before the next level; one you half know (hard) moves on without
them; one you miss (again) is replaced by another question at the same level, and a second
miss at a level ends the questions (the gap is found). Everything random comes from one seed,
so ``--seed`` replays the same problem and questions.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field

LEVELS = ("L1", "L2", "L3")
STATUS_RANK = {"unknown": 0, "shaky": 1, "new": 2, "fluent": 3}
monotonic = time.monotonic  # tests replace it to move the clock


class Clock:
    """The interview's time box, shown at every prompt and announced when it runs out."""

    def __init__(self, minutes: float) -> None:
        self.minutes = minutes
        self.start = monotonic()
        self._quiet = threading.Event()

    def alarms(self) -> list[tuple[float, str]]:
        """(seconds after the start, announcement) while the candidate is heads-down: five
        minutes before the end of a box of ten minutes or more, and at the end."""
        total = self.minutes * 60
        out = [(total - 300, "5 minutes left")] if total >= 600 else []
        return out + [(total, "time is up: wrap up, then Enter for the report")]

    def start_alarms(self, write) -> threading.Thread:
        """Announce each alarm through `write(text)` when it falls due, from a daemon thread
        (a prompt waiting for Enter would otherwise hide that the time ran out)."""
        def run() -> None:
            for at, text in self.alarms():
                delay = at - self.elapsed()
                if delay < 0:
                    continue
                if self._quiet.wait(delay):
                    return
                write(f"\a\n⏰ {text}\n")

        thread = threading.Thread(target=run, name="mock-alarms", daemon=True)
        thread.start()
        return thread

    def stop_alarms(self) -> None:
        self._quiet.set()

    def elapsed(self) -> float:
        return monotonic() - self.start

    def remaining(self) -> float:
        return self.minutes * 60 - self.elapsed()

    @property
    def over(self) -> bool:
        return self.remaining() <= 0

    def label(self) -> str:
        left = self.remaining()
        tail = f"{clock_text(left)} left" if left > 0 else f"time is up (+{clock_text(-left)})"
        return f"⏱ {clock_text(self.elapsed())} elapsed · {tail}"


def clock_text(seconds: float) -> str:
    s = int(max(seconds, 0))
    return f"{s // 60:02d}:{s % 60:02d}"


# ---------------------------------------------------------------------------------------------
# the coding problem


def choose_problem(problems: list, statuses: dict[str, str], weak_topics: list[str], rng: random.Random):
    """One problem from the weakest topics: the least-known status first (❌, then ⚠️, then new,
    then ✅), picked at random among equals. problems: bank order; falls back to the whole bank."""
    pool = [p for p in problems if p.topic in weak_topics] or list(problems)
    if not pool:
        return None
    best = min(STATUS_RANK[statuses.get(p.id, "new")] for p in pool)
    return rng.choice([p for p in pool if STATUS_RANK[statuses.get(p.id, "new")] == best])


# ---------------------------------------------------------------------------------------------
# concept cards


def relation(card, problem, near_topics: set[str] = frozenset()) -> int:
    """How close a card is to the problem: 0 names it, 1 shares a sheet section, 2 shares a topic
    with the problem or with the cards of ranks 0-1 (`near_topics`), 3 unrelated."""
    if problem.id in card.problems:
        return 0
    if set(card.sections) & set(problem.sections):
        return 1
    if problem.topic in card.topics or set(card.topics) & near_topics:
        return 2
    return 3


def question_order(cards: list, problem, rng: random.Random) -> dict[str, list]:
    """Level -> main cards (no parent) to ask, closest to the problem first, shuffled among equals."""
    near = {t for c in cards if relation(c, problem) <= 1 for t in c.topics}
    out = {}
    for lv in LEVELS:
        main = [c for c in cards if c.parent is None and c.level == lv]
        rng.shuffle(main)
        out[lv] = sorted(main, key=lambda c: relation(c, problem, near))  # stable: the shuffle breaks ties
    return out


class Interviewer:
    """Asks L1 → L2 → L3 with follow-ups; see the module docstring for the rules."""

    def __init__(self, cards: list, problem, rng: random.Random, limit: int = 6, misses_per_level: int = 2) -> None:
        self.order = question_order(cards, problem, rng)
        self.followups: dict[str, list] = {}
        for c in cards:
            if c.parent is not None:
                self.followups.setdefault(c.parent, []).append(c)
        self.limit, self.misses_per_level = limit, misses_per_level
        self.level = 0
        self.misses = 0
        self.pending: list = []
        self.asked: list = []
        self.stopped = False

    def next(self):
        """The next card to ask, or None when the questions are over."""
        if len(self.asked) >= self.limit:
            return None
        if self.pending:
            return self.pending.pop(0)
        while not self.stopped and self.level < len(LEVELS):
            queue = self.order[LEVELS[self.level]]
            if queue:
                return queue.pop(0)
            self.level, self.misses = self.level + 1, 0  # nothing (left) at this level
        return None

    def record(self, card, rating: int) -> None:
        """rating: 1 again, 2 hard, 3 good, 4 easy."""
        self.asked.append((card, rating))
        if card.parent is not None:
            return
        if rating >= 3:
            self.pending = list(self.followups.get(card.id, []))
            self.level, self.misses = self.level + 1, 0
        elif rating == 2:
            self.level, self.misses = self.level + 1, 0
        else:
            self.misses += 1
            if self.misses >= self.misses_per_level:
                self.stopped = True


# ---------------------------------------------------------------------------------------------
# the report


@dataclass
class Report:
    seed: int
    minutes: float
    started_at: str
    ended_at: str = ""
    elapsed: float = 0.0
    problem: dict | None = None          # id, title, topic, level, verdict, core, checks, seconds, diagnosis, overtime
    cards: list[dict] = field(default_factory=list)  # id, level, parent, rating, seconds
    ended_early: bool = False
    related: list[str] = field(default_factory=list)  # ids of the cards that name the problem

    @property
    def verdict(self) -> str | None:
        return self.problem["verdict"] if self.problem else None

    @property
    def recalled(self) -> int:
        return sum(c["rating"] > 1 for c in self.cards)

    def to_review(self) -> list[str]:
        """What to review, most urgent first: the problem if not passed, then missed cards, then half-known ones."""
        out = []
        p = self.problem
        if p and p["verdict"] != "pass":
            why = f" — looks like {p['diagnosis']}" if p.get("diagnosis") else ""
            out.append(f"problem {p['id']} ({p['verdict']}){why}: mlkata hint {p['id']}, then mlkata check {p['id']}")
            if self.related:
                out.append(f"cards about {p['id']}: {', '.join(self.related)}")
        elif p and p.get("overtime"):
            out.append(f"problem {p['id']}: passed over time — solve it again from a blank starter (mlkata start {p['id']} --force)")
        for name, rating in (("missed", 1), ("half known", 2)):
            for c in self.cards:
                if c["rating"] == rating:
                    out.append(f"card {c['id']} ({c['level']}, {name})")
        return out

    def to_dict(self) -> dict:
        return {"seed": self.seed, "minutes": self.minutes, "started_at": self.started_at, "ended_at": self.ended_at,
                "elapsed": self.elapsed, "problem": self.problem, "cards": self.cards, "ended_early": self.ended_early,
                "related": self.related,
                "review": self.to_review()}


def save(conn: sqlite3.Connection, report: Report) -> int:
    with conn:
        cur = conn.execute(
            "INSERT INTO mock_sessions (started_at, ended_at, minutes, seed, problem, verdict, cards_asked,"
            " cards_recalled, report) VALUES (?,?,?,?,?,?,?,?,?)",
            (report.started_at, report.ended_at, report.minutes, report.seed,
             report.problem["id"] if report.problem else None, report.verdict, len(report.cards), report.recalled,
             json.dumps(report.to_dict(), ensure_ascii=False)),
        )
    return int(cur.lastrowid)


def history(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    rows = conn.execute("SELECT id, report FROM mock_sessions ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [{"id": r["id"], **json.loads(r["report"])} for r in rows]
