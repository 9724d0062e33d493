"""The only module that talks to Rich: rendering verdicts, tables and Markdown."""

from __future__ import annotations

import os
from typing import Any

_console = None

STATUS_STYLE = {"pass": "bold green", "fail": "bold red", "error": "bold red", "timeout": "bold yellow",
                "oom": "bold yellow", "forbidden": "bold magenta", "skipped": "dim"}
STATUS_ICON = {"pass": "✔", "fail": "✘", "error": "!", "timeout": "⏱", "oom": "⛁", "forbidden": "⛔", "skipped": "·"}


def console():
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False, soft_wrap=False, width=int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS") else None)
    return _console


def print(*args: Any, **kwargs: Any) -> None:  # noqa: A001 - deliberate: terminal.print
    console().print(*args, **kwargs)


def markdown(text: str) -> None:
    from rich.markdown import Markdown

    console().print(Markdown(text))


def code(text: str, title: str | None = None) -> None:
    from rich.panel import Panel
    from rich.syntax import Syntax

    syntax = Syntax(text, "python", line_numbers=True, word_wrap=True)
    console().print(Panel(syntax, title=title) if title else syntax)


def escape(text: str) -> str:
    from rich.markup import escape as _escape

    return _escape(text)


def table(title: str | None, columns: list[str], rows: list[list[str]], caption: str | None = None) -> None:
    from rich.table import Table

    t = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*r)
    console().print(t)


def render_result(result, title: str | None = None, verbose: bool = False) -> None:
    """A verdict for a person: status line, the failing cases, the mistake seen, notes."""
    c = console()
    style = STATUS_STYLE.get(result.status, "bold")
    core_p, core_t = result.counts("core")
    edge_p, edge_t = result.counts("edge")
    head = f"[{style}]{STATUS_ICON.get(result.status, '?')} {result.status.upper()}[/] {escape(title or result.problem)}"
    if core_t:
        head += f"  core {core_p}/{core_t}"
    if edge_t:
        head += f", edge {edge_p}/{edge_t}"
    head += f"  [dim]({result.duration:.2f}s)[/]"
    c.print(head)
    if result.message:
        c.print(escape(result.message.rstrip()), style="red" if result.status != "pass" else None)
    if result.output.strip() and (result.status != "pass" or verbose):
        c.print("[dim]your file printed while loading:[/]")
        c.print(escape(result.output.rstrip()[:2000]), style="dim")
    shown = 0
    seen_messages: dict[str, str] = {}
    for t in result.tests:
        if t.status == "pass" and not verbose:
            continue
        if t.tier == "edge" and not result.strict and t.status != "pass" and not verbose:
            continue
        if t.status == "skipped" and shown:
            continue
        shown += 1
        if shown > 4 and not verbose:
            rest = sum(1 for x in result.tests if x.status not in ("pass", "skipped")) - 4
            if rest > 0:
                c.print(f"  [dim]... and {rest} more failing case(s); --verbose shows all[/]")
            break
        st = STATUS_STYLE.get(t.status, "")
        c.print(f"  [{st}]{STATUS_ICON.get(t.status, '?')}[/] [bold]{escape(t.name)}[/] [dim]({t.tier}; input: {escape(t.summary)})[/]")
        if t.message and t.message in seen_messages and not verbose:
            c.print(f"      [dim]same as '{escape(seen_messages[t.message])}'[/]")
            continue
        if t.message:
            seen_messages[t.message] = t.name
            for line in t.message.rstrip().splitlines()[:14]:
                c.print(f"      {escape(line)}")
        if t.why and t.status != "pass":
            c.print(f"      [cyan]this case checks:[/] {escape(t.why)}")
        if t.output.strip():
            c.print("      [dim]your prints:[/]")
            for line in t.output.rstrip().splitlines()[:8]:
                c.print(f"      [dim]│ {escape(line)}[/]")
    d = result.diagnosis
    if d and result.status != "pass":
        c.print(f"[bold yellow]Looks like {escape(d.title)}.[/] {escape(d.explain)}" + (f" [dim](reread {escape(d.section)})[/]" if d.section else ""))
    for note in result.notes:
        c.print(f"[yellow]note:[/] {escape(note)}")
    if result.notes and not result.strict:
        c.print("[dim]edge cases are hardening: they do not decide the verdict unless you pass --strict[/]")
