"""Problem commands: list, show, start, check, hint, solution."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlkata.cli.common import bank, problem, store


@click.command("list")
@click.option("--topic", help="Only this topic.")
@click.option("--level", type=click.Choice(["L1", "L2", "L3"]), help="Only this level.")
def list_cmd(topic: str | None, level: str | None) -> None:
    """List the problems with your status, grouped by topic.

    Example: mlkata list --level L1
    """
    from mlkata import terminal
    from mlkata.study.log import status_of
    from mlkata.study.progress import MARKERS

    b = bank()
    with store() as conn:
        # the practice log's status: derived from checks, unless you set one since the last check
        status = {pid: status_of(conn, pid)[0] for pid in b.problems}
    problems = [p for p in b.ordered() if (not topic or p.topic == topic) and (not level or p.level == level)]
    if not problems:
        raise click.UsageError(f"no problem matches (topics: {', '.join(b.topics)})")
    for t, title in b.topics.items():
        rows = [[p.id, p.title, p.level, p.framework, f"{MARKERS[status[p.id]]} {status[p.id]}"]
                for p in problems if p.topic == t]
        if rows:
            terminal.table(title, ["id", "title", "level", "framework", "status"], rows)


@click.command("show")
@click.argument("problem_id")
def show_cmd(problem_id: str) -> None:
    """Show a problem's statement, what is forbidden, and where your file is.

    Example: mlkata show softmax
    """
    from mlkata import paths, terminal

    p = problem(problem_id)
    terminal.markdown(p.statement)
    facts = [f"**Level** {p.level} · **topic** {p.topic} · **framework** {p.framework} · "
             f"**entry point** `{p.entry}` · **sheet** {', '.join(p.sections)}"]
    if p.forbidden:
        facts.append("**Not allowed here:** " + ", ".join(f"`{f}`" for f in p.forbidden))
    facts.append(f"**Limits:** {p.limits['time']:g} s, {p.limits['memory']:g} MiB")
    facts.append(f"**Your file:** `{paths.workspace() / p.filename}`")
    terminal.markdown("\n\n".join(facts))
    _related_cards(p.id)


def _related_cards(problem_id: str) -> None:
    """Concept cards linked to this problem (the other direction of the link)."""
    from mlkata import terminal
    from mlkata.mathtext import to_unicode
    from mlkata.study.cards import CardError, cards_for_problem, load_decks

    try:
        related = cards_for_problem(load_decks(), problem_id)
    except CardError:
        return
    if related:
        terminal.print(f"[bold]Related cards[/] [dim](mlkata cards ID · mlkata review)[/]")
        for c in related:
            q = to_unicode(c.question).replace("\n", " ")
            terminal.print(f"  {c.id} [dim]({c.deck}, {c.level})[/] {terminal.escape(q if len(q) <= 100 else q[:99] + '…')}")


@click.command("start")
@click.argument("problem_id")
@click.option("--force", is_flag=True, help="Overwrite your file even if you edited it.")
def start_cmd(problem_id: str, force: bool) -> None:
    """Write a problem's starter into your workspace and print its path.

    Never overwrites a file you edited unless you pass --force.

    Example: mlkata start softmax
    """
    from mlkata import paths, terminal
    from mlkata.study.progress import record_event

    p = problem(problem_id)
    target = paths.workspace() / p.filename
    starter = p.starter_path.read_text(encoding="utf-8")
    if target.exists() and target.read_text(encoding="utf-8", errors="replace") != starter and not force:
        terminal.print(f"{target} already exists and has your edits: left as it is (use --force to reset it).")
        return
    target.write_text(starter, encoding="utf-8")
    with store() as conn:
        record_event(conn, p.id, "start" if not force else "reset")
    terminal.print(f"wrote {target}")
    terminal.print(f"edit it, then run: [bold]mlkata check {p.id}[/]")


def _read_submission(p, file: str | None) -> tuple[Path, str]:
    from mlkata import paths

    path = Path(file) if file else paths.workspace() / p.filename
    if not path.is_file():
        hint = "" if file else f" Run `mlkata start {p.id}` first, or pass --file."
        raise click.UsageError(f"no file at {path}.{hint}")
    data = path.read_bytes()
    return path.resolve(), data.decode("utf-8", errors="replace")


@click.command("check")
@click.argument("problem_id")
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Judge this file instead of the workspace one.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (results.json v3 style).")
@click.option("--strict", is_flag=True, help="Edge cases count towards the verdict too.")
@click.option("--verbose", "-v", is_flag=True, help="Show every case, passing ones included.")
def check_cmd(problem_id: str, file: str | None, as_json: bool, strict: bool, verbose: bool) -> None:
    """Judge your solution. Exit code 0 on pass, 1 on any other verdict, 2 on a usage error.

    Example: mlkata check softmax --strict
    """
    from mlkata import terminal
    from mlkata.bank import BankError
    from mlkata.judge.core import judge
    from mlkata.study.checks import Recorded, record_check

    p = problem(problem_id)
    path, source = _read_submission(p, file)
    try:
        result = judge(p, source, str(path), strict=strict)
    except BankError as exc:
        raise click.ClickException(f"this problem's files are malformed: {exc}") from None
    try:
        with store() as conn:
            rec = record_check(conn, p, result, source)
    except Exception as exc:  # the database cannot be opened: the verdict still reaches the user
        rec = Recorded(warnings=[f"this attempt was not recorded: {exc}"])
    for warning in rec.warnings:  # on stderr, so --json output stays clean
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(result.to_json())
    else:
        terminal.render_result(result, title=f"{p.id} — {p.title}", verbose=verbose)
        if result.status != "pass" and not result.untouched_starter:
            terminal.print(f"[dim]stuck? mlkata hint {p.id}[/]")
        if rec.cards_due:
            terminal.print(f"[dim]{len(rec.cards_due)} related card(s) are due now: mlkata review[/]")
        if rec.note:
            terminal.print(f"[dim]{terminal.escape(rec.note)}[/]")
    sys.exit(0 if result.passed else 1)


@click.command("hint")
@click.argument("problem_id")
@click.option("--level", type=click.IntRange(1, 3), help="Show this hint level again (1 concept, 2 shape, 3 steps).")
def hint_cmd(problem_id: str, level: int | None) -> None:
    """Show the next hint: the concept, then the shape of the solution, then step by step.

    Example: mlkata hint softmax
    """
    from mlkata import terminal
    from mlkata.study.progress import count_events, record_event

    p = problem(problem_id)
    with store() as conn:
        n = level or min(count_events(conn, p.id, "hint") + 1, 3)
        record_event(conn, p.id, "hint", str(n))
    names = {1: "concept", 2: "shape of the solution", 3: "step by step"}
    terminal.print(f"[bold]hint {n}/3 ({names[n]})[/]")
    terminal.markdown(p.hints[n - 1])
    if n < 3:
        terminal.print(f"[dim]run it again for the next level[/]")


@click.command("solution")
@click.argument("problem_id")
def solution_cmd(problem_id: str) -> None:
    """Show the reference solution. Seeing it marks your next pass as shaky.

    Example: mlkata solution softmax
    """
    from mlkata import terminal
    from mlkata.study.progress import record_event

    p = problem(problem_id)
    with store() as conn:
        record_event(conn, p.id, "solution")
    terminal.code(p.solution_path.read_text(encoding="utf-8"), title=f"{p.id}: reference solution")
