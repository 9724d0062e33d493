"""`mlkata mock`: a timed mock interview (one coding problem, then concept questions L1 → L3)."""

from __future__ import annotations

import click

from mlkata.cli.common import bank, problem, store

RATING_INPUT = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4, "a": 1, "h": 2, "g": 3, "e": 4}


class EndInterview(Exception):
    """The candidate asked to stop (q), or the input ended (Ctrl-D / Ctrl-C)."""


def ask(clock, text: str) -> str:
    """A prompt that shows the timer; q, end of input or Ctrl-C end the interview (the report is kept)."""
    try:
        answer = click.prompt(f"[{clock.label()}] {text}", default="", show_default=False, prompt_suffix="\n> ")
    except (click.Abort, EOFError, KeyboardInterrupt):
        raise EndInterview from None
    answer = answer.strip().lower()
    if answer in ("q", "quit"):
        raise EndInterview
    return answer


def _math(text: str) -> str:
    try:
        from mlkata.mathtext import to_unicode
    except ImportError:
        return text
    try:
        return to_unicode(text)
    except Exception:  # unrenderable LaTeX: show the source rather than nothing
        return text


def _interval(delta) -> str:
    """As `mlkata review` prints it (study.review.format_interval; not imported: that module
    needs the card decks, which are optional here)."""
    s = max(0, delta.total_seconds())
    if s < 3600 - 30:
        return f"{max(1, int(s / 60 + 0.5))}m"
    if s < 86400 - 1800:
        return f"{int(s / 3600 + 0.5)}h"
    return f"{int(s / 86400 + 0.5)}d" if s < 365 * 86400 else f"{s / 86400 / 365:.1f}y"


def _live_wait(path, clock, seen: str | None) -> str:
    """On a terminal: a live timer line (redrawn every second, in place) while the candidate
    works; a save of the file judges it at once, no key needed. Returns "judge" (a save, or
    Enter) or "skip" (s/n); q or end of input ends the interview."""
    import os
    import select
    import sys
    import termios
    import time
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    out = sys.stdout

    try:
        while True:
            out.write(f"\r\x1b[2K[{clock.label()}] save = judge · Enter judge · s skip · q end")
            out.flush()
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                keys = os.read(fd, 64).decode("utf-8", "replace")
                if not keys:
                    raise EndInterview
                for k in keys:
                    if k in "qQ\x04\x03":
                        raise EndInterview
                    if k in "sSnN":
                        return "skip"
                    if k in "\r\n":
                        return "judge"
            now = _digest(path)
            if now is not None and now != seen:
                time.sleep(0.3)  # a burst of writes (save, then a formatter) settles first
                return "judge"
    finally:
        out.write("\r\x1b[2K")
        out.flush()
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _digest(path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _coding(p, file: str | None, clock, report, conn) -> None:
    """Write the starter, wait for 'done', judge; retry while it fails and time remains."""
    from pathlib import Path

    from mlkata import paths, terminal
    from mlkata.judge.core import judge
    from mlkata.study.checks import record_check
    from mlkata.study.mock import monotonic
    from mlkata.study.progress import record_event

    t0 = monotonic()
    part = {"id": p.id, "title": p.title, "topic": p.topic, "level": p.level, "verdict": "skipped",
            "core": None, "checks": 0, "seconds": 0.0, "diagnosis": None, "overtime": False}
    report.problem = part
    import sys

    live = not file and sys.stdin.isatty() and sys.stdout.isatty()
    if file:
        path = Path(file)
        if not path.is_file():
            raise click.UsageError(f"no file at {path}")
    else:
        path = paths.workspace() / "mock" / p.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(p.starter_path.read_text(encoding="utf-8"), encoding="utf-8")
        record_event(conn, p.id, "start", "mock")

    def header() -> None:
        terminal.paragraph(f"[bold]Part 1 — coding:[/] {terminal.escape(p.title)} ({p.level}, {terminal.escape(p.topic)})")

    def body() -> None:
        terminal.markdown(p.statement)
        if p.forbidden and "not allowed" not in p.statement.lower():  # said once
            terminal.paragraph("[dim]not allowed: " + terminal.escape(", ".join(p.forbidden)) + "[/]")

    def footer() -> None:
        if not file:
            terminal.paragraph(f"your file (a blank starter): [bold]{terminal.escape(str(path))}[/]")
        if live:
            terminal.print("[dim]the timer runs: save your file and it is judged at once[/]")

    if live:  # one screen, the timer's line below it
        terminal.screen(header, body, footer, more=f"mlkata show {p.id} (in another terminal) for the rest",
                        height=(terminal.console().height or 24) - 1)
    else:
        header()
        body()
        footer()
    text = "Enter = I am done, judge my file · s = skip the problem · q = end the interview"
    seen = _digest(path)
    try:
        while True:
            if live:
                if _live_wait(path, clock, seen) == "skip":
                    break
            elif not file:
                answer = ask(clock, text)
                if answer in ("s", "skip", "n"):
                    break
            seen = _digest(path)
            source = path.read_bytes().decode("utf-8", errors="replace")
            result = judge(p, source, str(path.resolve()))
            for warning in record_check(conn, p, result, source).warnings:
                terminal.paragraph(f"[yellow]warning: {terminal.escape(warning)}[/]")
            part["checks"] += 1
            part["verdict"] = result.status
            part["core"] = list(result.counts("core"))
            part["diagnosis"] = result.diagnosis.title if result.diagnosis else None
            part["overtime"] = clock.over
            terminal.render_result(result, title=f"{p.id} — {p.title}", compact=live)
            if result.passed or file:
                break
            if clock.over:
                terminal.print("[yellow]time is up: on to the report[/]")
                break
            text = "fix it, then Enter = judge again · n = move on to the questions · q = end the interview"
    finally:
        part["seconds"] = round(monotonic() - t0, 1)


def _questions(cards, p, rng, limit: int, clock, report, conn) -> None:
    from mlkata import terminal
    from mlkata.study import srs
    from mlkata.study.mock import Interviewer, monotonic

    if clock.over:
        return
    interviewer = Interviewer(cards, p, rng, limit=limit)
    terminal.paragraph("[bold]Part 2 — questions[/] (L1 → L2 → L3; answer aloud or on paper, then reveal and rate yourself)")
    n = 0
    while (card := interviewer.next()) is not None:
        n += 1
        t0 = monotonic()
        kind = "follow-up" if card.parent else "question"
        if terminal.console().is_terminal:  # one screen per question, redrawn in place (80×24)
            terminal.console().clear()
            terminal.print(f"[bold]Part 2 — questions[/] [dim]{clock.label()}[/]")
        terminal.paragraph(f"\n[bold]{card.level} {kind} {n}[/] [dim]({terminal.escape(card.id)})[/]")
        terminal.paragraph(terminal.escape(_math(card.question)))
        ask(clock, "Enter = reveal the answer · q = end the interview")
        terminal.paragraph(f"[green]answer:[/] {terminal.escape(_math(card.answer))}", hang=len("answer: "))
        if card.more:
            terminal.paragraph(f"[dim]{terminal.escape(_math(card.more))}[/]")
        item = f"card:{card.id}"
        intervals = srs.preview(conn, item)
        choices = " · ".join(f"{i} {name} ({_interval(intervals[name])})" for i, name in enumerate(srs.RATINGS, 1))
        while True:
            answer = ask(clock, f"how did you do? {choices}")
            if answer in RATING_INPUT:
                break
            terminal.print("[yellow]type 1, 2, 3 or 4[/]")
        rating = RATING_INPUT[answer]
        seconds = monotonic() - t0
        srs.rate(conn, item, "card", rating, duration_ms=int(seconds * 1000))
        interviewer.record(card, rating)
        report.cards.append({"id": card.id, "level": card.level, "parent": card.parent, "rating": rating,
                             "seconds": round(seconds, 1)})
        if clock.over:
            terminal.print("[yellow]time is up: on to the report[/]")
            return


def render_report(r: dict) -> None:
    from mlkata import terminal
    from mlkata.study.mock import clock_text

    esc = terminal.escape
    terminal.print(f"\n[bold]Mock interview report[/]  {clock_text(r['elapsed'])} of {r['minutes']:g} min "
                   f"[dim](seed {r['seed']})[/]" + ("  [yellow]ended early[/]" if r.get("ended_early") else ""))
    rows = []
    p = r.get("problem")
    if p:
        core = f"core {p['core'][0]}/{p['core'][1]}" if p.get("core") else ""
        verdict = p["verdict"].upper() + (" (over time)" if p.get("overtime") else "")
        rows.append(["coding", esc(p["id"]), esc(f"{verdict} {core} in {p['checks']} check(s)".strip()), clock_text(p["seconds"])])
    names = {1: "again ✘", 2: "hard", 3: "good ✔", 4: "easy ✔"}
    for c in r.get("cards", []):
        what = f"{c['level']} follow-up" if c.get("parent") else f"{c['level']} question"
        rows.append([what, esc(c["id"]), names[c["rating"]], clock_text(c["seconds"])])
    terminal.compact_table(["part", "what", "result", "time"], rows, flex=1)  # one line per part
    review = r.get("review") or []
    if review:
        terminal.print("[bold]to review:[/]")
        for line in review:
            terminal.paragraph(f"• {esc(line)}", indent=2)
    elif r.get("ended_early"):
        terminal.print("nothing to review in the parts you did (the interview ended early)")
    else:
        terminal.print("[green]nothing to review: well done[/]")


@click.command("mock")
@click.option("--minutes", type=click.IntRange(1, 600), default=45, show_default=True, help="The time box.")
@click.option("--seed", type=int, help="Replay the same problem and questions (printed at the start).")
@click.option("--problem", "problem_id", help="This problem instead of one from your weakest topics.")
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Judge this file at once instead of waiting for you.")
@click.option("--questions", type=click.IntRange(0, 30), default=6, show_default=True, help="At most this many concept questions.")
@click.option("--history", is_flag=True, help="List your past mock interviews and exit.")
def mock_cmd(minutes: int, seed: int | None, problem_id: str | None, file: str | None, questions: int, history: bool) -> None:
    """A timed mock interview: one coding problem from your weakest topics, judged when you say
    you are done, then concept questions escalating L1 → L2 → L3 with follow-ups. Every prompt
    shows the time, and a terminal hears "5 minutes left" and "time is up" when they fall due;
    q ends the interview early. The report (what passed, time per part, what to
    review) is stored in your log; the check and the card ratings count like any other.

    Example: mlkata mock --minutes 30
    """
    import random
    import sys

    from mlkata import terminal
    from mlkata.study import dashboard as dash
    from mlkata.study import mock
    from mlkata.study.progress import now_utc

    if history:
        with store() as conn:
            past = mock.history(conn)
        if not past:
            terminal.print("no mock interview yet: mlkata mock")
            return
        terminal.print("[bold]mock interviews[/]")
        terminal.compact_table(["#", "date", "problem", "verdict", "cards recalled", "time", "to review"],
                               [[str(h["id"]), dash.local_date(h["started_at"]).isoformat(), terminal.escape((h["problem"] or {}).get("id", "—")),
                                 (h["problem"] or {}).get("verdict", "—"), f"{sum(c['rating'] > 1 for c in h['cards'])}/{len(h['cards'])}",
                                 mock.clock_text(h["elapsed"]), str(len(h["review"]))] for h in past], flex=2)
        return

    b = bank()
    seed = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    rng = random.Random(seed)
    with store() as conn:
        statuses = dash.bank_statuses(conn, b)
        progress = dash.topic_progress(b.ordered(), statuses, b.topics, dash.failed_checks(conn))
        weak = [tp.topic for tp in dash.weakest(progress, n=2)]
        p = problem(problem_id) if problem_id else mock.choose_problem(b.ordered(), statuses, weak, rng)
        if p is None:
            raise click.ClickException("the bank has no problem")
        cards, cards_error = dash.load_cards()
        if cards_error:
            terminal.print(f"[yellow]concept cards unavailable: {terminal.escape(cards_error)}[/]")
        cards = cards or []
        report = mock.Report(seed=seed, minutes=minutes, started_at=now_utc(),
                             related=[c.id for c in cards if p.id in c.problems and c.parent is None])
        try:  # the judge's worker imports its framework while the candidate reads the statement
            from mlkata.judge import warm

            warm.enable().prewarm([warm.preimport_for(p)])
        except Exception:  # a cold judge still works
            pass
        clock = mock.Clock(minutes)
        if sys.stdout.isatty():  # a terminal: announce "5 minutes left" and "time is up" as they fall due
            clock.start_alarms(lambda text: (sys.stdout.write(text), sys.stdout.flush()))
        terminal.paragraph(f"[bold]Mock interview[/] — {minutes} min. Weakest topics: {terminal.escape(', '.join(weak))}. "
                           f"[dim](seed {seed}: --seed {seed} replays it)[/]")
        try:
            _coding(p, file, clock, report, conn)
            if not cards:
                terminal.print("[dim]no concept cards installed: the interview ends after the coding part[/]")
            elif questions:
                _questions(cards, p, rng, questions, clock, report, conn)
        except (EndInterview, KeyboardInterrupt):  # q, end of input, or Ctrl-C while judging
            report.ended_early = True
            terminal.print("\n[yellow]interview ended[/]")
        finally:
            clock.stop_alarms()
            try:
                from mlkata.judge import warm

                warm.disable()
            except Exception:
                pass
        report.ended_at = now_utc()
        report.elapsed = round(clock.elapsed(), 1)
        mock.save(conn, report)
    render_report(report.to_dict())
