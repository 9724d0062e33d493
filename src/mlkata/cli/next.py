"""`mlkata next`: what to do now."""

from __future__ import annotations

import click

from mlkata.cli.common import bank, store


def _do(e) -> str:
    if e.problem is None:
        return f"practise {e.name} (outside mlkata), then: mlkata log done \"{e.name}\" fluent|shaky|unknown"
    if not e.attempts:
        return f"mlkata start {e.problem}"
    if e.status == "unknown":  # never passed: keep working on your file
        return f"mlkata check {e.problem}  (stuck? mlkata hint {e.problem})"
    return f"mlkata start {e.problem} --force  (solve it again from a blank starter)"


@click.command("next")
@click.option("-n", "limit", default=5, show_default=True, help="How many entries to show per group.")
def next_cmd(limit: int) -> None:
    """Suggest what to do now: due reviews first, then ❌/⚠️ problems, then new ones in bank order.

    Example: mlkata next
    """
    from mlkata import terminal
    from mlkata.cli.main import COMMANDS
    from mlkata.study import log

    b = bank()
    with store() as conn:
        p = log.plan(conn, b)
    esc = terminal.escape
    first = (p.due or p.open or p.new or [None])[0]
    if first is not None:
        terminal.print(f"[bold]next:[/] {esc(_do(first))}")
    width = terminal.console().width
    action_of = lambda e: _do(e).split("  (")[0]  # noqa: E731 - in a list, the command alone (the headline explains)
    if p.due:
        terminal.print(f"[bold]due for review ({len(p.due)})[/]")
        for e in p.due[:limit]:
            why = "spot-check" if e.status == "fluent" else e.status
            terminal.print(f"  {e.marker or '·'} {esc(e.name)} ({why}, due {e.review.date().isoformat()})  {esc(action_of(e))}")
    if p.cards_due:
        cmd = next((c for c in ("review", "cards") if c in COMMANDS), None)
        terminal.print(f"[bold]concept cards due: {p.cards_due}[/]" + (f"  mlkata {cmd}" if cmd else ""))
    if p.open:
        terminal.print(f"[bold]to work on ({len(p.open)})[/]")
        for e in p.open[:limit]:
            when = f", review {e.review.date().isoformat()}" if e.review else ""
            terminal.print(f"  {e.marker} {esc(e.name)} ({e.status}{when})  {esc(action_of(e))}")
    if p.new:
        terminal.print(f"[bold]new ({len(p.new)})[/]")
        for e in p.new[:limit]:
            title, action = e.title or e.topic, action_of(e)
            room = width - len(e.name) - len(action) - 9
            if len(title) > room:
                title = title[:max(0, room - 1)] + "…" if room > 8 else ""
            terminal.print(f"  · {esc(e.name)}" + (f" — {esc(title)}" if title else "") + f"  {esc(action)}")
    if first is None and not p.cards_due:
        terminal.print("nothing due and nothing new: every problem is ✅ fluent. mlkata log shows the table.")
