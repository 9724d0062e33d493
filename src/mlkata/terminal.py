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
    if result.untouched_starter and not verbose:
        c.print("Your file still raises NotImplementedError: this is the starter. Write the function, save, check again.")
        c.print(f"[dim]stuck? mlkata hint {escape(result.problem)}[/]")
        return
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


def plot_text(plot, width: int = 72, height: int = 16) -> str:
    """A terminal plot (plotext) of one demos.Plot, as text."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("pro")
    if plot.kind == "bar":
        s = plot.series[0]
        labels = [str(x) for x in s.x]
        plt.bar(labels, s.y)
    else:
        for s, marker in zip(plot.series, "•x+o*"):
            xs = [x for x, y in zip(s.x, s.y) if y == y]
            ys = [y for y in s.y if y == y]
            plt.plot(xs, ys, label=s.label, marker=marker)
        if plot.logx:
            plt.xscale("log")
        if plot.logy:
            plt.yscale("log")
    plt.title(plot.title)
    plt.xlabel(plot.xlabel)
    plt.ylabel(plot.ylabel)
    return plt.build()


def save_png(plots: list, path: str, title: str) -> None:
    """All plots of a demo (or of stats) side by side in one PNG (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as mpl

    fig, axes = mpl.subplots(1, len(plots), figsize=(5.5 * len(plots), 4), squeeze=False)
    for ax, plot in zip(axes[0], plots):
        if plot.kind == "bar":
            for i, s in enumerate(plot.series):
                xs = list(range(len(s.x)))
                w = 0.8 / len(plot.series)
                ax.bar([x + i * w for x in xs], s.y, width=w, label=s.label)
                ax.set_xticks(xs, [str(x) for x in s.x])
        else:
            for s in plot.series:
                ax.plot(s.x, s.y, marker="o", label=s.label)
            if plot.logx:
                ax.set_xscale("log")
            if plot.logy:
                ax.set_yscale("log")
        ax.set_title(plot.title)
        ax.set_xlabel(plot.xlabel)
        ax.set_ylabel(plot.ylabel)
        if len(plot.series) > 1:
            ax.legend()
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    mpl.close(fig)


def render_demo(result, plots: bool = True) -> None:
    c = console()
    c.print(f"[bold]{escape(result.title)}[/]  [dim](mlkata demo {escape(result.name)})[/]")
    if result.table:
        table(None, result.table_header or [], result.table)
    if plots:
        for p in result.plots:
            if p.kind == "bar" and p.series and all(isinstance(x, (int, float)) for x in p.series[0].x) and result.table:
                continue  # the table above already shows these numbers
            from rich.text import Text

            c.print(Text.from_ansi(plot_text(p, width=min(90, c.width))))
    from rich.panel import Panel

    c.print(Panel(escape(result.reading), title="what this shows", border_style="cyan"))


def panels(blocks: list[tuple[str, str]], title: str | None = None) -> None:
    """Side-by-side panels of Rich markup (the dashboard): (title, body) each, wrapped to the width."""
    from rich.columns import Columns
    from rich.panel import Panel

    c = console()
    if title:
        c.print(title)
    c.print(Columns([Panel(body, title=t, title_align="left", expand=False) for t, body in blocks], equal=False))


def ansi(text: str) -> None:
    """Print text carrying ANSI colour codes (e.g. a plotext plot) through the console."""
    from rich.text import Text

    console().print(Text.from_ansi(text))


def render_layers(layers: list) -> None:
    """`mlkata doctor`: one row per sandbox layer, then what each missing one costs you."""
    from rich.table import Table

    c = console()
    t = Table(title="the judge's sandbox on this machine", show_lines=False, expand=False)
    t.add_column("layer", style="bold", no_wrap=True)
    t.add_column("", no_wrap=True)
    t.add_column("what it does here")
    for layer in layers:
        t.add_row(escape(layer.name), "[green]active[/]" if layer.active else "[red]missing[/]", escape(layer.detail))
    c.print(t)
    missing = [layer for layer in layers if not layer.active]
    for layer in missing:
        c.print(f"[yellow]without {escape(layer.name)}[/]: {escape(layer.without)}")
    if not missing:
        c.print("every layer is in force (docs/security.md says what each one stops)")
