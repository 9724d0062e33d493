"""The dashboard (`mlkata` alone) and `mlkata stats`, through the CLI, on a seeded history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from mlkata.store import connect
from mlkata.study import dashboard as dash
from study_helpers import FakeCard, check, install_cards, make_bank, uninstall_cards


def local_noon(days_ago: int) -> datetime:
    """Noon local time `days_ago` days back, as an aware UTC datetime (so local_date() gives that day)."""
    d = date.today() - timedelta(days=days_ago)
    return datetime.combine(d, time(12, 0)).astimezone().astimezone(timezone.utc)


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    """Three topics: foundations all fluent, attention one ⚠️ and one ❌, decoding untouched.
    Activity today, yesterday, two days ago, and once 40 days ago (outside a 30-day window)."""
    make_bank(tmp_path / "bank", monkeypatch, {
        "softmax": ("foundations", "L1"),
        "attn-a": ("attention", "L1"),
        "attn-b": ("attention", "L2"),
        "dec-a": ("decoding", "L3"),
    })
    conn = connect()
    check(conn, "softmax", "fail", local_noon(40), monkeypatch)
    check(conn, "softmax", "pass", local_noon(2), monkeypatch)
    check(conn, "softmax", "pass", local_noon(1), monkeypatch)       # clean since the last pass: fluent
    check(conn, "attn-a", "fail", local_noon(1), monkeypatch)
    check(conn, "attn-a", "pass", local_noon(0) - timedelta(hours=1), monkeypatch)  # passed after a failure: shaky
    check(conn, "attn-b", "fail", local_noon(0) - timedelta(minutes=30), monkeypatch)  # never passed: unknown
    check(conn, "attn-b", "error", local_noon(0) - timedelta(minutes=20), monkeypatch)
    conn.close()


def test_streak_counts_consecutive_days_and_survives_until_tonight():
    today = date(2026, 3, 10)
    days = {today - timedelta(days=i) for i in (0, 1, 2, 4)}
    assert dash.streak(days, today) == 3
    assert dash.streak(days - {today}, today) == 2        # nothing yet today: yesterday's streak holds
    assert dash.streak({today - timedelta(days=2)}, today) == 0


def test_weakest_ranks_by_mastery_then_failures():
    from types import SimpleNamespace as P

    problems = [P(id="a", topic="t1", level="L1"), P(id="b", topic="t2", level="L1"), P(id="c", topic="t3", level="L2")]
    statuses = {"a": "fluent", "b": "new", "c": "unknown"}
    prog = dash.topic_progress(problems, statuses, {"t1": "T1", "t2": "T2", "t3": "T3"}, {"c": 4})
    # t2 and t3 both have mastery 0; t3 has a ❌ problem and failed checks, so it is weaker
    assert [tp.topic for tp in dash.weakest(prog)] == ["t3", "t2", "t1"]
    assert prog[2].counts["L2"]["unknown"] == 1


def test_card_summary_counts_levels_due_and_retention():
    cards = [FakeCard("x", "L1", "q", "a"), FakeCard("y", "L2", "q", "a"), FakeCard("z", "L2", "q", "a", parent="y")]
    s = dash.card_summary(cards, seen={"x", "z"}, due={"x", "gone"}, recalls=(3, 4))
    assert (s.total, s.due, s.new) == (3, 1, 1)
    assert s.by_level == {"L1": (1, 1), "L2": (1, 2), "L3": (0, 0)}
    assert s.retention == 0.75


def test_fresh_dashboard_suggests_the_first_problem(mlkata, tmp_path, monkeypatch):
    make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1")})
    uninstall_cards(monkeypatch)
    out = mlkata().output
    assert "next: mlkata start softmax" in out
    assert "streak 0 days" in out
    assert "concept cards: not installed" in out
    assert "0% foundations" in out


def test_dashboard_on_a_seeded_history(mlkata, seeded, monkeypatch):
    uninstall_cards(monkeypatch)
    out = mlkata().output
    assert "4 problems: ✅ 1 ⚠️ 1 ❌ 1 · 1 new" in out
    assert "streak 3 days" in out                           # today, yesterday, two days ago
    assert "next: mlkata check attn-b" in out               # `mlkata next`: ❌ first, keep working on it
    lines = out.splitlines()
    # weakest: decoding (0%, nothing done) vs attention (25%): decoding first; foundations (100%) not listed
    block = out[out.index("weakest topics"):]
    assert block.index("░░░░░░░░░░   0% decoding") < block.index(" 25% attention ❌1")
    assert "100% foundations" not in out
    import re

    row = next(ln for ln in lines if ln.startswith("Attention"))
    cells = re.split(r"\s{2,}", row.strip())
    assert cells[1:4] == ["0/1 ⚠️1", "0/1 ❌1", "—"]


def test_dashboard_shows_cards_due_and_retention(mlkata, monkeypatch):
    from mlkata.study import srs

    cards = [FakeCard("c-one", "L1", "q1", "a1"), FakeCard("c-two", "L2", "q2", "a2"), FakeCard("c-three", "L3", "q3", "a3")]
    install_cards(monkeypatch, cards)
    conn = connect()
    srs.rate(conn, "card:c-one", "card", "good", now=local_noon(2))
    srs.rate(conn, "card:c-one", "card", "again", now=local_noon(1))   # forgotten: due again, retention 0/1
    srs.rate(conn, "card:c-two", "card", "good")                       # just learnt: due in minutes, not now
    conn.close()
    out = mlkata().output
    assert "concept cards due: 1, never seen: 1" in out
    assert "L1 1/1  L2 1/1  L3 0/1" in out
    assert "retention: 0%" in out
    assert "streak 3 days" in out                           # card ratings count as activity


def test_stats_totals_plots_and_png(mlkata, seeded, tmp_path, monkeypatch):
    uninstall_cards(monkeypatch)
    out = mlkata("stats").output
    import re

    row = lambda name: re.split(r"\s{2,}", next(ln for ln in out.splitlines() if ln.startswith(f"{name} ")).strip())  # noqa: E731
    assert row("checks")[1:] == ["6", "7"]                   # the check 40 days ago is outside the window
    assert row("passed")[1] == "3 (50%)"
    assert row("streak")[-1] == "3 days"
    assert "checks per day" in out and "pass rate (7-day window)" in out
    empty = next(ln for ln in out.splitlines() if ln.startswith("nothing in the last 30 days"))
    assert "cards reviewed per day" in empty and "checks per day" not in empty
    assert re.split(r"\s{2,}", [c for c in mlkata("stats", "--days", "60", "--no-plot").output.splitlines()
                                 if c.startswith("checks ")][0].strip())[1] == "7"
    png = tmp_path / "s.png"
    mlkata("stats", "--png", str(png), "--no-plot")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_daily_series_put_events_on_their_days():
    today = date.today()
    attempts = [(local_noon(0).isoformat(), "pass"), (local_noon(0).isoformat(), "fail"), (local_noon(3).isoformat(), "pass")]
    reviews = [("card:a", local_noon(3).isoformat(), 3), ("card:a", local_noon(0).isoformat(), 1), ("card:b", local_noon(0).isoformat(), 3)]
    d = dash.daily(attempts, reviews, today, span=5)
    assert d.attempts == [0, 1, 0, 0, 2] and d.passes == [0, 1, 0, 0, 1]
    assert d.cards == [0, 1, 0, 0, 2]
    assert d.retention[-1] == 0.0 and d.retention[1] != d.retention[1]  # a's second review forgotten; NaN on a day without reviews
    rolling = d.rolling(d.passes, d.attempts, 3)
    assert rolling[0] != rolling[0] and rolling[1:] == [1.0, 1.0, 1.0, 0.5]  # the day-3 pass stays in the window for 3 days


def test_a_broken_deck_is_reported_not_fatal(mlkata, tmp_path, monkeypatch):
    import sys

    make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1")})
    install_cards(monkeypatch, [])

    def broken(root=None):
        raise ValueError("decks/x.toml: field 'cards' is missing")

    monkeypatch.setattr(sys.modules["mlkata.study.cards"], "load_decks", broken)
    res = mlkata()
    assert res.exit_code == 0
    assert "concept cards: decks/x.toml: field 'cards' is missing" in res.output
    assert "next: mlkata start softmax" in res.output
