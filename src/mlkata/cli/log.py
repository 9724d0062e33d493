"""Practice-log commands: `mlkata log` (table, --export md), `log set`, `log note`, `log import`."""

from __future__ import annotations

from pathlib import Path

import click

from mlkata.cli.common import bank, store


def _target(conn, b, name: str, create: bool = False):
    """(key, is_bank) for a problem id, 'LC n' or an external entry; UsageError otherwise."""
    from mlkata.study import log

    kind, target = log.resolve(conn, b, name)
    if kind == "bank":
        return target.id, True
    if kind == "external":
        return target, False
    if create and log.LC_RE.match(target):
        log.add_external(conn, target)
        return target, False
    close = b.suggest(name)
    hint = f" Did you mean: {', '.join(close)}?" if close else " Use a bank id (mlkata list) or 'LC <number>'."
    raise click.UsageError(f"no problem or log entry '{name}'.{hint}")


@click.group("log", invoke_without_command=True)
@click.option("--export", "export", type=click.Choice(["md"]), help="Print the log as the sheet's Markdown table (in the layout of the last file you imported).")
@click.option("--all", "show_all", is_flag=True, help="Every problem of the bank, practised or not.")
@click.option("--due", is_flag=True, help="Only the entries due for review today or earlier.")
@click.option("--no-pager", is_flag=True, help="Print everything at once, even when taller than the terminal.")
@click.pass_context
def log_group(ctx: click.Context, export: str | None, show_all: bool, due: bool, no_pager: bool) -> None:
    """The practice log: status (✅ fluent, ⚠️ shaky, ❌ unknown), review date, attempts, time to solve.

    The table lists what you practised (checked, scheduled, noted or set by hand); --all adds
    the problems not started yet. On a terminal a table taller than the screen opens in a
    pager (less; $MLKATA_PAGER or $PAGER choose another, "cat" none).

    \b
    Examples:
      mlkata log                          # what you practised
      mlkata log --due                    # what to review today
      mlkata log --all                    # every problem of the bank
      mlkata log --export md > log.md     # the sheet's table, to keep or share
      mlkata log import log.md            # carry an existing log over
      mlkata log set softmax --status shaky
      mlkata log done "LC 146" shaky      # practised on LeetCode: schedules the next review
      mlkata log note "LC 1" "hash map: check the complement before inserting"
    """
    if ctx.invoked_subcommand is not None:
        return
    from mlkata.study import log

    b = bank()
    with store() as conn:
        rows = log.entries(conn, b)
    if export == "md":
        click.echo(log.export_log(rows), nl=False)
        return
    from mlkata import terminal

    shown = rows if show_all else [e for e in rows if log.has_history(e)]
    left_out = len(rows) - len(shown)
    title = "Practice log"
    if due:
        from datetime import datetime, timezone

        today = datetime.now(timezone.utc).date()
        shown = [e for e in shown if e.review is not None and e.review.date() <= today]
        title = "Practice log: due today"
    if not shown:
        if due:
            terminal.print("nothing in the practice log is due today")
            terminal.print("next: [bold]mlkata next[/] says what to do now · mlkata log shows the whole log")
        else:
            terminal.print("the practice log is empty: nothing practised yet")
            terminal.print(f"next: [bold]mlkata next[/] picks a problem · mlkata log --all lists all {left_out}")
        return
    more = f"{left_out} problem(s) not practised yet are left out: mlkata log --all" if left_out and not due else ""
    terminal.paged(lambda: terminal.practice_log(_view_rows(b, shown), any(e.note for e in shown),
                                                 title=title, more=more), pager=not no_pager)


def _view_rows(b, rows) -> list[dict[str, str]]:
    """What the table shows of each entry: the topic is the sheet's practice-log topic, or the
    bank topic's title (never the problem's title); the difficulty is the problem's."""
    from mlkata.study import log

    out = []
    for e in rows:
        topic = e.topic
        if e.problem is not None:
            p = b.get(e.problem)
            topic = str(p.extra.get("log_topic") or b.topics.get(p.topic, p.topic).split(":")[0])
        out.append({
            "problem": e.name, "topic": topic, "difficulty": e.difficulty,
            "status": f"{e.marker} {e.status}".strip() + ("*" if e.status_set else ""),
            "review": e.review.date().isoformat() if e.review else "",
            "attempts": str(e.attempts) if e.problem else "—",
            "solve": log.format_duration(e.solve_seconds), "note": e.note,
        })
    return out


@log_group.command("set", short_help="Set an entry's status or review date.")
@click.argument("name")
@click.option("--status", type=click.Choice(["fluent", "shaky", "unknown", "auto"]),
              help="Override the status; 'auto' goes back to the status derived from your checks.")
@click.option("--review", help="Set the review date (YYYY-MM-DD, UTC).")
@click.option("--topic", help="Topic of an external entry (a problem practised outside mlkata).")
@click.option("--difficulty", help="Difficulty of an external entry.")
def set_cmd(name: str, status: str | None, review: str | None, topic: str | None, difficulty: str | None) -> None:
    """Set an entry's status or review date. 'LC <n>' not in the bank creates an external entry.

    A status you set holds until your next check of that problem.

    Example: mlkata log set softmax --status shaky --review 2026-12-01
    """
    from mlkata import terminal
    from mlkata.study import log

    if not (status or review or topic or difficulty):
        raise click.UsageError("nothing to set: pass --status, --review, --topic or --difficulty")
    try:
        day = log.parse_date(review) if review else None
    except log.LogError as exc:
        raise click.UsageError(str(exc)) from None
    b = bank()
    with store() as conn:
        key, is_bank = _target(conn, b, name, create=True)
        if is_bank and (topic or difficulty):
            raise click.UsageError(f"'{key}' is a bank problem: its topic and difficulty come from the bank")
        if topic or difficulty:
            log.add_external(conn, key, topic, difficulty)
        if status:
            log.set_status(conn, key, None if status == "auto" else status, is_bank)
        if day:
            log.set_review(conn, key, day)
        entry = next(e for e in log.entries(conn, b) if e.key == key)
    review_txt = entry.review.date().isoformat() if entry.review else "not scheduled"
    terminal.print(f"{entry.name}: {' '.join(filter(None, (entry.marker, entry.status)))}, review {review_txt}")


@log_group.command("done", short_help="Record a review done outside mlkata (e.g. on LeetCode).")
@click.argument("name")
@click.argument("status", type=click.Choice(["fluent", "shaky", "unknown"]))
def done_cmd(name: str, status: str) -> None:
    """Record a review done outside mlkata (e.g. on LeetCode): how it went sets the status and the
    next review date (fluent = solved cleanly, shaky = solved with help or after failures,
    unknown = not solved). 'LC <n>' not in the bank creates an external entry.

    Example: mlkata log done "LC 146" shaky
    """
    from mlkata import terminal
    from mlkata.study import log

    b = bank()
    with store() as conn:
        key, _ = _target(conn, b, name, create=True)
        rating = log.record_practice(conn, key, status)
        entry = next(e for e in log.entries(conn, b) if e.key == key)
    terminal.print(f"{entry.name}: {entry.marker} {entry.status} (FSRS rating {rating}), "
                   f"next review {entry.review.date().isoformat()}")


@log_group.command("note", short_help="Attach a one-line note to an entry.")
@click.argument("name")
@click.argument("text")
def note_cmd(name: str, text: str) -> None:
    """Attach a one-line note to an entry (replaces the previous one; "" removes it).

    Example: mlkata log note softmax "forgot keepdims again"
    """
    from mlkata import terminal
    from mlkata.study import log

    b = bank()
    with store() as conn:
        key, _ = _target(conn, b, name, create=True)
        log.set_note(conn, key, text)
    terminal.print(f"note {'saved' if text.strip() else 'removed'} for {name}")


@log_group.command("import", short_help="Read a practice-log Markdown table.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_cmd(file: str) -> None:
    """Read a practice-log Markdown table (Problem | Topic | Difficulty | Status | Review Date).

    Rows naming a bank problem (its id, or 'LC <n>') update it; other rows are kept as external
    entries with their LeetCode number. Nothing is written if the file is malformed.

    Example: mlkata log import my-log.md
    """
    from mlkata import terminal
    from mlkata.study import log

    try:
        text = Path(file).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = Path(file).read_bytes()
        line = raw[:exc.start].count(b"\n") + 1
        raise click.ClickException(f"{file}: line {line}: not UTF-8 "
                                   f"(byte 0x{raw[exc.start]:02x}): save the file as UTF-8") from None
    b = bank()
    with store() as conn:
        try:
            s = log.import_md(conn, b, text)
        except log.LogError as exc:
            raise click.ClickException(f"{file}: {exc}") from None
    terminal.print(f"imported {s.bank + s.external} rows ({s.bank} bank problems, {s.external} external): "
                   f"{s.statuses} statuses, {s.dates} review dates, {s.notes} notes set")
