"""What the web view does, in plain functions over the same core as the CLI.

Every function here calls what the matching CLI command calls (the bank loader, the judge's
public ``judge()``, ``study.checks.record_check``, ``study.progress.record_event``, the practice
log, FSRS), so a check or a rating made in the browser is the same record as one made in the
terminal. Paths come only from the bank (``paths.workspace() / problem.filename``): no request
names a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from mlkata import paths

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


class NotFound(Exception):
    """An id that is not in the bank or the decks."""


_BANK: tuple[tuple, object] | None = None


def _bank_signature(root: Path) -> tuple:
    """What load_bank reads: bank.toml and each problem's .meta/problem.toml (mtimes), and the
    problem folders (added or removed)."""
    sig = []
    pdir = root / "problems"
    paths_ = [str(root / "bank.toml"), str(pdir)]
    try:
        paths_ += sorted(os.path.join(e.path, ".meta", "problem.toml") for e in os.scandir(pdir) if e.is_dir())
    except OSError:
        pass
    for path in paths_:
        try:
            st = os.stat(path)
            sig.append((path, st.st_mtime_ns, st.st_size))
        except OSError:
            sig.append((path, None, None))
    return tuple(sig)


def bank():
    """The bank, parsed again only when its files changed (parsing it costs ~40 ms per request)."""
    global _BANK
    from mlkata.bank import load_bank
    from mlkata.bank.loader import default_root

    root = default_root()
    sig = (str(root), _bank_signature(root))
    cached = _BANK
    if cached is not None and cached[0] == sig:
        return cached[1]
    b = load_bank(root)
    _BANK = (sig, b)
    return b


def problem(problem_id: str):
    b = bank()
    if problem_id not in b.problems:
        raise NotFound(f"unknown problem '{problem_id}'")
    return b.get(problem_id)


def store():
    from mlkata.store import connect

    return connect()


def workspace_file(p) -> Path:
    return paths.workspace() / p.filename


def read_source(p) -> tuple[str, bool]:
    """The candidate's file (the one `mlkata check` judges), else the starter; and whether the file exists."""
    target = workspace_file(p)
    if target.is_file():
        return target.read_bytes().decode("utf-8", errors="replace"), True
    return p.starter_path.read_text(encoding="utf-8"), False


def write_source(p, source: str) -> Path:
    """Write the editor's text to the workspace file (atomically: an interrupted write loses nothing)."""
    target = workspace_file(p)
    tmp = target.with_name(f".{target.name}.web-{os.getpid()}.tmp")
    tmp.write_text(source, encoding="utf-8")
    os.replace(tmp, target)
    return target


# the status marks as text symbols: the CLI's emoji need a colour-emoji font, which many
# Linux machines (and headless browsers) lack; these are in every common text font
MARKS = {"fluent": "✓", "shaky": "⚠", "unknown": "✗", "new": "·"}


def problem_rows(conn, b) -> list[dict]:
    """Every problem with its practice-log status, in bank order (what `mlkata list` shows)."""
    from mlkata.study.dashboard import bank_statuses

    statuses = bank_statuses(conn, b)
    rows = []
    for p in b.ordered():
        st = statuses.get(p.id, "new")
        rows.append({"id": p.id, "title": p.title, "topic": p.topic, "topic_title": b.topics.get(p.topic, p.topic),
                     "level": p.level, "framework": p.framework, "status": st, "marker": MARKS.get(st, ""),
                     "file": str(workspace_file(p))})
    return rows


@contextlib.contextmanager
def check_lock():
    """One check at a time per home directory: a thread lock in this server, a file lock across servers."""
    home = paths.home().resolve()
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(str(home), threading.Lock())
    with lock:
        with open(home / ".web-check.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class Checked:
    result: object
    warnings: list[str]
    cards_due: list


def check(problem_id: str, source: str, strict: bool = False) -> Checked:
    """What `mlkata check ID` does, for the editor's text: write it to the workspace file, judge
    that file, record the attempt. Serialised per home directory."""
    from mlkata.judge.core import judge
    from mlkata.study.checks import Recorded, record_check

    p = problem(problem_id)
    with check_lock():
        path = write_source(p, source)
        result = judge(p, source, str(path.resolve()), strict=strict)
        try:
            with store() as conn:
                rec = record_check(conn, p, result, source)
        except Exception as exc:  # the verdict still reaches the user (as in the CLI)
            rec = Recorded(warnings=[f"this attempt was not recorded: {exc}"])
    return Checked(result, list(rec.warnings), list(rec.cards_due))


def hint(problem_id: str) -> dict:
    """The next hint, recorded as `mlkata hint` records it."""
    from mlkata.study.progress import count_events, record_event

    from mlkata.web.render import to_html

    p = problem(problem_id)
    with store() as conn:
        n = min(count_events(conn, p.id, "hint") + 1, 3)
        record_event(conn, p.id, "hint", str(n))
    names = {1: "concept", 2: "shape of the solution", 3: "step by step"}
    return {"problem": p.id, "level": n, "name": names[n], "text": p.hints[n - 1], "html": to_html(p.hints[n - 1])}


def solution(problem_id: str) -> dict:
    """The reference, recorded as seen (your next pass then counts as shaky), as `mlkata solution`."""
    from mlkata.study.progress import record_event

    p = problem(problem_id)
    with store() as conn:
        record_event(conn, p.id, "solution")
    return {"problem": p.id, "source": p.solution_path.read_text(encoding="utf-8")}


# -- cards ---------------------------------------------------------------------------------------

def decks():
    from mlkata.study.cards import load_decks

    return load_decks()


def related_cards(problem_id: str) -> list:
    from mlkata.study.cards import CardError, cards_for_problem

    try:
        return cards_for_problem(decks(), problem_id)
    except CardError:
        return []


def review_next(skip: set[str] = frozenset()) -> dict:
    """The next card `mlkata review` would show (due first, then new within the daily limit),
    with the interval each rating would give; ``card`` is None when nothing is left."""
    from mlkata.study import review, srs

    all_decks = decks()
    titles = {d.id: d.title for d in all_decks}
    cards = review.select(all_decks)
    now = srs.utcnow()
    with store() as conn:
        q = review.build_queue(conn, cards, review.new_per_day_default(), now)
        queue = [(c, "due") for c in q.due if c.id not in skip] + [(c, "new") for c in q.new if c.id not in skip]
        out = {"due": len(q.due), "new": len(q.new), "later": q.later, "card": None, "previews": {}}
        if queue:
            card, why = queue[0]
            intervals = srs.preview(conn, card.item, now)
            out["card"] = {"id": card.id, "deck": card.deck, "deck_title": titles.get(card.deck, card.deck),
                           "level": card.level, "why": why, "parent": card.parent,
                           "question": card.question, "answer": card.answer, "more": card.more,
                           "problems": list(card.problems), "demos": list(card.demos)}
            out["previews"] = {name: review.format_interval(intervals[name]) for name in ("again", "hard", "good", "easy")}
            out["remaining"] = len(queue)
    return out


RATINGS = ("again", "hard", "good", "easy")


def rate(card_id: str, rating: str, duration_ms: int | None = None) -> dict:
    """Rate a card as `mlkata review` does (FSRS), saved at once."""
    from mlkata.study import review, srs

    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}")
    by_id = {c.id: c for d in decks() for c in d.cards}
    if card_id not in by_id:
        raise NotFound(f"unknown card '{card_id}'")
    card = by_id[card_id]
    with store() as conn:
        kwargs = {"duration_ms": duration_ms} if duration_ms is not None else {}
        after = srs.rate(conn, card.item, "card", rating, **kwargs)
    return {"card": card_id, "rating": rating, "due": after.due.isoformat(),
            "next_in": review.format_interval(after.due - srs.utcnow())}


# -- the practice log and dashboard --------------------------------------------------------------

def dashboard() -> dict:
    from datetime import date

    from mlkata.study import dashboard as dash
    from mlkata.study import log, srs

    b = bank()
    now = srs.utcnow()
    cards, cards_error = dash.load_cards()
    with store() as conn:
        plan = log.plan(conn, b, now=now)
        entries = log.entries(conn, b)
        statuses = dash.bank_statuses(conn, b)
        progress = dash.topic_progress(b.ordered(), statuses, b.topics, dash.failed_checks(conn))
        days = dash.activity_days(conn)
        csum = dash.card_summary_from_store(conn, cards, now) if cards is not None else None
        daily = dash.daily_from_store(conn, date.today(), 30)
    counts = {k: sum(s == k for s in statuses.values()) for k in ("fluent", "shaky", "unknown", "new")}
    return {"plan": plan, "entries": entries, "progress": progress, "streak": dash.streak(days, date.today()),
            "counts": counts, "cards": csum, "cards_error": cards_error, "daily": daily,
            "format_duration": log.format_duration, "total": len(b.problems)}


# -- plots and demos -----------------------------------------------------------------------------

_PLOT_LOCK = threading.Lock()  # pyplot keeps global state: one figure at a time


def plots_svg(plots: list, title: str) -> str:
    """The plots as one SVG, drawn by the same matplotlib code as `--png` (terminal.save_png)."""
    import tempfile

    from mlkata import terminal

    with _PLOT_LOCK, tempfile.TemporaryDirectory(prefix="mlkata-svg-") as tmp:
        out = Path(tmp) / "plots.svg"  # the suffix makes matplotlib write SVG
        terminal.save_png(plots, str(out), title)
        text = out.read_text(encoding="utf-8")
    return text[text.index("<svg"):]


def stats_plots(span: int = 30) -> list:
    """The plots of `mlkata stats` (same series, same titles)."""
    from datetime import date

    from mlkata.demos import Plot, Series
    from mlkata.study import dashboard as dash

    today = date.today()
    with store() as conn:
        d = dash.daily_from_store(conn, today, span)
    x = [-(span - 1 - i) for i in range(span)]
    xl = f"days ago ({d.days[0].isoformat()} … {today.isoformat()})"
    return [
        Plot("checks per day", xl, "checks", [Series("checks", x, d.attempts)]),
        Plot("pass rate (7-day window)", xl, "passed / checks", [Series("pass rate", x, d.rolling(d.passes, d.attempts, 7))]),
        Plot("cards reviewed per day", xl, "ratings", [Series("cards", x, d.cards)]),
        Plot("card retention (7-day window)", xl, "recalled / reviews",
             [Series("retention", x, d.rolling(d.recalled, d.recall_reviews, 7))]),
    ]


def demo_list() -> list[dict]:
    from mlkata import demos

    return [{"name": n, "title": m.TITLE, "sections": list(m.SECTIONS)} for n, m in demos.modules().items()]


def demo_run(name: str, seed: int = 0) -> dict:
    """Run a demo as `mlkata demo NAME --seed S` does; its plots as SVG."""
    from mlkata import demos

    available = demos.modules()
    if name not in available:
        raise NotFound(f"unknown demo '{name}'")
    result = available[name].run(seed=seed)
    svg = plots_svg(result.plots, result.title) if result.plots else ""
    return {"result": result, "svg": svg, "seed": seed}
