"""Problem commands: list, show, start, check, hint, solution."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlkata.cli.common import bank, complete_problem, problem, problem_from_file, store


STATUSES = ("new", "unknown", "shaky", "fluent")


def _topics_matching(b, topic: str) -> list[str]:
    """The topic ids `--topic` names: the exact id, else ids or titles starting with it."""
    key = topic.strip().lower()
    if key in b.topics:
        return [key]
    return [t for t, title in b.topics.items() if t.startswith(key) or title.lower().startswith(key)]


@click.command("list")
@click.option("--topic", help="Only this topic (its id, or the start of its id or title).")
@click.option("--level", type=click.Choice(["L1", "L2", "L3"]), help="Only this level.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only problems with this status (repeatable).")
@click.option("--todo", is_flag=True, help="Only what is left to master: every status but fluent.")
@click.option("--no-pager", is_flag=True, help="Print everything at once, even when taller than the terminal.")
def list_cmd(topic: str | None, level: str | None, statuses: tuple[str, ...], todo: bool, no_pager: bool) -> None:
    """List the problems with your status, one line each, grouped by topic.

    On a terminal a list taller than the screen opens in a pager (less; $MLKATA_PAGER or
    $PAGER choose another, "cat" none); piped, it is printed whole.

    \b
    Examples: mlkata list --level L1
              mlkata list --todo --topic attention
    """
    from mlkata import terminal
    from mlkata.study.log import status_of
    from mlkata.study.progress import MARKERS

    b = bank()
    topics = list(b.topics)
    if topic:
        topics = _topics_matching(b, topic)
        if not topics:
            raise click.UsageError(f"no topic '{topic}' (topics: {', '.join(b.topics)})")
    with store() as conn:
        # the practice log's status: derived from checks, unless you set one since the last check
        status = {pid: status_of(conn, pid) for pid in b.problems}
    wanted = set(statuses) | (set(STATUSES) - {"fluent"} if todo else set())
    problems = [p for p in b.ordered() if p.topic in topics and (not level or p.level == level)
                and (not wanted or status[p.id][0] in wanted)]
    if not problems:
        if wanted:
            terminal.print("no problem left with that status" + (" here" if topic or level else "")
                           + ": [bold]mlkata list[/] shows them all")
            return
        raise click.UsageError(f"no problem matches (topics: {', '.join(b.topics)})")
    groups = []
    for t in topics:
        rows = [{"id": p.id, "title": p.title, "level": p.level, "uses": p.framework,
                 "status": f"{MARKERS[status[p.id][0]]} {status[p.id][0]}" + ("*" if status[p.id][1] else "")}
                for p in problems if p.topic == t]
        if rows:
            groups.append((b.topics[t], rows))
    counts = {s: sum(1 for p in problems if status[p.id][0] == s) for s in STATUSES}
    summary = " · ".join(f"{n} {s}" for s, n in counts.items() if n)
    filters = "" if (topic or level or wanted) else " · --todo, --topic T, --level L narrow it"
    caption = f"{len(problems)} problem(s): {summary}{filters} · mlkata show ID"
    terminal.paged(lambda: terminal.problem_list(groups, caption), pager=not no_pager)


@click.command("show")
@click.argument("problem_id", shell_complete=complete_problem)
@click.option("--no-pager", is_flag=True, help="Print everything at once, even when taller than the terminal.")
def show_cmd(problem_id: str, no_pager: bool) -> None:
    """Show a problem's statement, what is forbidden, and where your file is.

    On a terminal a statement taller than the screen opens in a pager (as `mlkata list` does).

    Example: mlkata show softmax
    """
    from mlkata import paths, terminal

    p = problem(problem_id)

    def page() -> None:
        terminal.markdown(p.statement)
        facts = [f"**Level** {p.level} · **topic** {p.topic} · **framework** {p.framework} · "
                 f"**entry point** `{p.entry}` · **sheet** {', '.join(p.sections)}"]
        if p.forbidden and "not allowed" not in p.statement.lower():  # said once, by the statement if it does
            facts.append("**Not allowed here:** " + ", ".join(f"`{f}`" for f in p.forbidden))
        facts.append(f"**Limits:** {p.limits['time']:g} s, {p.limits['memory']:g} MiB")
        facts.append(f"**Your file:** `{paths.workspace() / p.filename}`")
        terminal.markdown("\n\n".join(facts))
        _related_cards(p.id)

    _prepare(p)  # before the pager: a heavy problem's cases build while the statement is read
    terminal.paged(page, pager=not no_pager)


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
        width = terminal.console().width
        for c in related:
            q = to_unicode(c.question).replace("\n", " ")
            room = max(20, width - len(c.id) - len(c.level) - 6)
            terminal.print(f"  {c.id} [dim]({c.level})[/] {terminal.escape(q if len(q) <= room else q[:room - 1] + '…')}")


@click.command("start")
@click.argument("problem_id", shell_complete=complete_problem)
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
    _prepare(p)


def _read_submission(p, file: str | None) -> tuple[Path, str]:
    from mlkata import paths

    path = Path(file) if file else paths.workspace() / p.filename
    if not path.is_file():
        hint = "" if file else f" Run `mlkata start {p.id}` first, or pass --file."
        raise click.UsageError(f"no file at {path}.{hint}")
    data = path.read_bytes()
    return path.resolve(), data.decode("utf-8", errors="replace")


def _next_step(p, result, cards_due: int) -> str:
    """The line that ends every verdict: what to do now."""
    if result.passed:
        if cards_due:
            return f"next: [bold]mlkata review[/] ({cards_due} related card(s) are due now) · then mlkata next"
        return "next: [bold]mlkata next[/] (what to practise now) · mlkata review (concept cards)"
    if result.untouched_starter:
        return f"next: write it, save, mlkata check {p.id} · stuck? [bold]mlkata hint {p.id}[/]"
    return f"next: fix it, mlkata check {p.id} · stuck? [bold]mlkata hint {p.id}[/]"


def _cases_ready(p) -> bool:
    """Whether this problem's cases are stored (shipped with mlkata or cached): else the check
    runs their generator first."""
    from mlkata.judge.core import cases_ready

    try:
        return cases_ready(p)
    except Exception:  # an unreadable cache folder is reported by the check itself
        return True


def _warm_while_preparing(p, source: str) -> bool:
    """A check that must build the cases first: start the run's warm worker now, so its
    framework import (a second on torch) overlaps with building the cases instead of following
    it; the runs, and any known mistakes run to diagnose, then fork from it. The worker is the
    same sandbox `watch` uses. True when this call started the pool (the caller stops it)."""
    from mlkata.judge import warm

    if warm.active():
        return False
    try:
        warm.enable().prewarm([warm.preimport_for(p, source)])
    except Exception:  # an optimisation: the cold sandbox judges all the same
        warm.disable()
        return False
    return True


def _prepare(p) -> None:
    """A problem too heavy to ship its cases starts building them now, in the background
    (never an error: the check builds them otherwise)."""
    from mlkata.judge.core import prepare_in_background

    prepare_in_background(p)


def json_result(result) -> str:
    """The result as JSON (results.json v3 style): :meth:`Result.to_json`, the shape the web
    API returns too."""
    return result.to_json()


@click.command("check")
@click.argument("target", required=False, shell_complete=complete_problem)
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Judge this file instead of the workspace one.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (results.json v3 style).")
@click.option("--strict", is_flag=True, help="Edge cases count towards the verdict too.")
@click.option("--verbose", "-v", is_flag=True, help="Show every case, passing ones included.")
def check_cmd(target: str | None, file: str | None, as_json: bool, strict: bool, verbose: bool) -> None:
    """Judge your solution. TARGET is a problem id (a prefix, lc3, or initials work too) or
    your workspace file's path (two_sum.py). Exit code 0 on pass, 1 on any other verdict,
    2 on a usage error.

    \b
    Example: mlkata check softmax --strict
             mlkata check ~/mlkata-workspace/two_sum.py
    """
    from mlkata import terminal
    from mlkata.bank import BankError
    from mlkata.judge.core import judge
    from mlkata.study.checks import Recorded, record_check

    if target is None and file is None:
        raise click.UsageError("name a problem (mlkata check softmax) or a file (mlkata check two_sum.py)")
    if target is not None and target.endswith(".py") and file is None:
        p = problem_from_file(target)
        if p is None:
            raise click.UsageError(f"{target} is not a workspace file of any problem (their names are "
                                   f"like two_sum.py); pass the problem: mlkata check ID --file {target}")
        file = target
    elif target is None:
        p = problem_from_file(file)
        if p is None:
            raise click.UsageError(f"cannot tell the problem from the name of {file}: mlkata check ID --file {file}")
    else:
        p = problem(target)
    path, source = _read_submission(p, file)
    warmed = False
    if not _cases_ready(p):
        if not as_json:
            terminal.paragraph(f"[dim]first check of {p.id}: preparing its cases and oracle values (once)…[/]")
        warmed = _warm_while_preparing(p, source)
    try:
        result = judge(p, source, str(path), strict=strict)
    except BankError as exc:
        raise click.ClickException(f"this problem's files are malformed: {exc}") from None
    finally:
        if warmed:
            from mlkata.judge import warm

            warm.disable()
    try:
        with store() as conn:
            rec = record_check(conn, p, result, source)
    except Exception as exc:  # the database cannot be opened: the verdict still reaches the user
        rec = Recorded(warnings=[f"this attempt was not recorded: {exc}"])
    for warning in rec.warnings:  # on stderr, so --json output stays clean
        click.echo(f"warning: {warning}", err=True)
    from mlkata import paths
    from mlkata.judge.isolation import first_run_notice

    notice = first_run_notice(result.sandbox, paths.home())
    if notice:
        click.echo(f"warning: {notice}", err=True)
    if as_json:
        click.echo(json_result(result))
    else:
        # one screen: the mistake seen first, two failing cases; --verbose shows every case
        terminal.render_result(result, title=f"{p.id} — {p.title}", verbose=verbose, compact=not verbose)
        if rec.cards_due and not result.passed:
            terminal.paragraph(f"[dim]{len(rec.cards_due)} related card(s) are due now: mlkata review[/]")
        if rec.note:
            terminal.paragraph(f"[dim]{terminal.escape(rec.note)}[/]")
        terminal.paragraph(_next_step(p, result, len(rec.cards_due)), hang=len("next: "))
    sys.exit(0 if result.passed else 1)


@click.command("hint")
@click.argument("problem_id", shell_complete=complete_problem)
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


def _confirm(question: str) -> bool:
    try:
        return click.confirm(question, default=False, err=True)
    except click.Abort:  # end of input: no
        click.echo("", err=True)
        return False


@click.command("solution")
@click.argument("problem_id", shell_complete=complete_problem)
@click.option("--yes", "-y", is_flag=True, help="Do not ask first.")
def solution_cmd(problem_id: str, yes: bool) -> None:
    """Print the reference solution as plain code you can copy. It asks first (--yes skips
    the question): seeing it marks your next pass as shaky.

    Example: mlkata solution softmax --yes > reference.py
    """
    from mlkata import terminal
    from mlkata.study.progress import record_event

    p = problem(problem_id)
    if not yes and not _confirm(f"Show the reference solution of {p.id}? Your next pass will count as shaky"):
        terminal.print(f"[dim]not shown. A hint first? mlkata hint {p.id}[/]")
        return
    with store() as conn:
        record_event(conn, p.id, "solution")
    # plain text on stdout: no box, no line numbers, so it copies (and redirects) cleanly
    click.echo(p.solution_path.read_text(encoding="utf-8").rstrip("\n"))
