"""`mlkata` alone (the dashboard) and `mlkata stats` (your history over time)."""

from __future__ import annotations

import click

from mlkata.cli.common import bank, store


def _cell(c) -> str:
    """One topic × level cell: fluent/total, then the ⚠️ and ❌ counts when there are any."""
    total = sum(c.values())
    if not total:
        return "[dim]—[/]"
    out = f"{c['fluent']}/{total}"
    extra = [f"⚠️{c['shaky']}" if c["shaky"] else "", f"❌{c['unknown']}" if c["unknown"] else ""]
    extra = " ".join(e for e in extra if e)
    return out + (f" {extra}" if extra else "")


def _bar(frac: float, width: int = 10) -> str:
    full = round(frac * width)
    return "█" * full + "░" * (width - full)


def _review_cmd() -> str | None:
    from mlkata.cli.main import COMMANDS

    return next((c for c in ("review", "cards") if c in COMMANDS), None)


def dashboard() -> None:
    """What `mlkata` alone prints: what to do now and where you stand, on one screen."""
    from datetime import date

    from mlkata import terminal
    from mlkata.cli.next import _do
    from mlkata.study import dashboard as dash
    from mlkata.study import log, srs

    esc = terminal.escape
    b = bank()
    now = srs.utcnow()
    cards, cards_error = dash.load_cards()
    with store() as conn:
        plan = log.plan(conn, b, now=now)
        statuses = dash.bank_statuses(conn, b)
        progress = dash.topic_progress(b.ordered(), statuses, b.topics, dash.failed_checks(conn))
        days = dash.activity_days(conn)
        csum = dash.card_summary_from_store(conn, cards, now) if cards is not None else None
        last_mock = None
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name='mock_sessions'").fetchone():
            last_mock = conn.execute("SELECT started_at, problem, verdict FROM mock_sessions ORDER BY id DESC LIMIT 1").fetchone()
    counts = {k: sum(s == k for s in statuses.values()) for k in ("fluent", "shaky", "unknown", "new")}
    st = dash.streak(days, date.today())
    terminal.print(f"[bold]mlkata[/] · {len(b.problems)} problems: ✅ {counts['fluent']} ⚠️ {counts['shaky']} "
                   f"❌ {counts['unknown']} · {counts['new']} new · [bold]streak {st} day{'s' if st != 1 else ''}[/]"
                   + (" 🔥" if st >= 3 else ""))

    # now: the suggestion of `mlkata next`, reviews, cards
    first = (plan.due or plan.open or plan.new or [None])[0]
    terminal.print(f"[bold]next:[/] {esc(_do(first))}" if first else "nothing due and nothing new")
    due_line = f"problem reviews due: [bold]{len(plan.due)}[/]"
    if plan.due:
        due_line += f" ({esc(', '.join(e.name for e in plan.due[:3]))}{'…' if len(plan.due) > 3 else ''})"
    terminal.print(due_line)
    if csum is not None:
        cmd = _review_cmd()
        terminal.print(f"concept cards due: [bold]{csum.due}[/], never seen: {csum.new}"
                       + (f"  → mlkata {cmd}" if cmd and (csum.due or csum.new) else ""))
    elif cards_error:
        terminal.print(f"[yellow]concept cards: {esc(cards_error)}[/]")
    else:
        terminal.print("[dim]concept cards: not installed[/]")

    # weakest topics | cards and the last mock, side by side
    weak = [tp for tp in dash.weakest(progress) if tp.mastery < 1.0]
    left = ["[bold]weakest topics[/]"] + [f"{_bar(tp.mastery)} {tp.mastery:4.0%} {esc(tp.topic)}"
                                          + (f" [red]❌{tp.count('unknown')}[/]" if tp.count("unknown") else "") for tp in weak]
    if not weak:
        left.append("every topic ✅")
    right: list[str] = []
    if csum is not None:
        lv = "  ".join(f"{k} {s}/{t}" for k, (s, t) in csum.by_level.items())
        ret = f"{csum.retention:.0%}" if csum.retention is not None else "—"
        right += ["[bold]cards[/]", lv, f"retention: {ret}  ({csum.total} cards)"]
    if last_mock is not None:
        right += [f"[bold]last mock[/] {dash.local_date(last_mock['started_at']).strftime('%m-%d')} "
                  f"{esc(last_mock['problem'] or '—')}: {esc(last_mock['verdict'] or '—')}"]
    rows = [[esc(tp.title.split(":")[0]), *(_cell(tp.counts.get(lv, {})) for lv in dash.LEVELS), f"{_bar(tp.mastery)} {tp.mastery:.0%}"]
            for tp in progress]
    # one screen with the shell's prompt under it: the blank separators go first when lines run short
    lines = 4 + max(len(left), len(right)) + (2 + len(rows) if rows else 0) + 1
    gap = lines + 2 <= (terminal.console().height or 24) - 1
    if gap:
        terminal.print("")
    terminal.columns2(left, right)
    if rows:
        if gap:
            terminal.print("")
        terminal.compact_table(["topic", *dash.LEVELS, "mastery (✅ / problems)"], rows)
    hints = ["mlkata next", "mlkata mock", "mlkata stats"]
    if weak:
        hints.insert(1, f"mlkata list --topic {esc(weak[0].topic)}")
    terminal.print("[dim]" + " · ".join(hints) + "[/]")


def _day_ticks(days: list) -> dict[float, str]:
    """About five date labels on a time axis that ends today: x is days from today (0 = today)."""
    n = len(days)
    step = max(1, round((n - 1) / 4))
    idx = list(range(n - 1, -1, -step))
    if idx[-1] * 2 >= step:  # the first day too, unless its label would crowd the one after it
        idx.append(0)
    return {float(i - (n - 1)): ("today" if i == n - 1 else days[i].strftime("%m-%d")) for i in idx}


@click.command("stats")
@click.option("--days", "span", type=click.IntRange(2, 3650), default=30, show_default=True, help="How many days back.")
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also save the plots to this PNG file.")
@click.option("--no-plot", is_flag=True, help="Totals only.")
def stats_cmd(span: int, png: str | None, no_plot: bool) -> None:
    """Your practice over time: checks per day, pass rate, cards reviewed per day, card retention.

    Example: mlkata stats --days 14 --png stats.png
    """
    from datetime import date

    from mlkata import terminal
    from mlkata.demos import Plot, Series
    from mlkata.study import dashboard as dash

    today = date.today()
    with store() as conn:
        d = dash.daily_from_store(conn, today, span)
        total_attempts = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
        ok, n = dash.recalls(dash.review_rows(conn, "card"))
        st = dash.streak(dash.activity_days(conn), today)
    x = [-(span - 1 - i) for i in range(span)]  # days from today: ..., -1, 0 (the axis ends today)
    ticks = _day_ticks(d.days)
    xl = f"{d.days[0].isoformat()} … {today.isoformat()} (today)"
    plots = [
        Plot("checks per day", xl, "checks", [Series("checks", x, d.attempts)], xticks=ticks),
        Plot("pass rate (7-day window)", xl, "passed / checks", [Series("pass rate", x, d.rolling(d.passes, d.attempts, 7))],
             xticks=ticks),
        Plot("cards reviewed per day", xl, "ratings", [Series("cards", x, d.cards)], xticks=ticks),
        Plot("card retention (7-day window)", xl, "recalled / reviews",
             [Series("retention", x, d.rolling(d.recalled, d.recall_reviews, 7))], xticks=ticks),
    ]
    passes, attempts = sum(d.passes), sum(d.attempts)
    rate = f"{passes / attempts:.0%}" if attempts else "—"
    ret = f"{ok / n:.0%} of {n}" if n else "—"
    terminal.compact_table(["", f"last {span} days", "all time"], [
        ["checks", str(attempts), str(total_attempts)],
        ["passed", f"{passes} ({rate})", ""],
        ["cards rated", str(sum(d.cards)), ""],
        ["card retention", "", ret],
        ["active days", str(sum(1 for a, c in zip(d.attempts, d.cards) if a or c)), ""],
        ["streak", "", f"{st} day{'s' if st != 1 else ''}"],
    ])
    if not no_plot:
        empty = [p.title for p in plots if terminal.plot_empty(p)]
        shown = [p for p in plots if p.title not in empty]
        if shown:  # two to a row, in the lines the terminal has left: the report fits 80×24
            rows = -(-len(shown) // 2)
            left = (terminal.console().height or 24) - 9 - (2 if empty else 0)
            terminal.ansi(terminal.plots_grid(shown, height=max(7 * rows, min(12 * rows, left))))
        if empty:
            terminal.print(f"[dim]nothing in the last {span} days: {', '.join(empty)}[/]")
    if png:
        from mlkata.store.files import atomic_output

        with atomic_output(png, "the PNG", suffix=".png") as tmp:  # all or nothing; a bad path is one line
            terminal.save_png(plots, tmp, f"mlkata: last {span} days")
        terminal.print(f"saved {png}")
