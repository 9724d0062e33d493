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


def pager_command() -> str | None:
    """The pager to use, as git chooses one: $MLKATA_PAGER, else $PAGER, else less (or more).
    None when there is none, or when it is set to "" or "cat" (no paging)."""
    import shutil

    for var in ("MLKATA_PAGER", "PAGER"):
        if var in os.environ:
            cmd = os.environ[var].strip()
            return None if cmd in ("", "cat") else cmd
    return next((name for name in ("less", "more") if shutil.which(name)), None)


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def paged(draw, pager: bool = True) -> None:
    """Print what draw() prints. On a terminal, output taller than the screen goes through a
    pager (see pager_command), with LESS=FRX unless LESS is set: colours kept, the screen not
    cleared, and less quits by itself if the text fits after all. Output that fits, and output
    to a pipe or a file, is printed as it is, complete."""
    import sys

    c = console()
    out = c.file
    if not pager or not _is_tty(out) or not _is_tty(sys.stdout):
        draw()
        return
    with c.capture() as cap:
        draw()
    text = cap.get()
    cmd = pager_command()
    import shlex
    import shutil

    try:
        runnable = cmd is not None and shutil.which(shlex.split(cmd)[0]) is not None
    except ValueError:  # unbalanced quotes in $PAGER
        runnable = False
    if not runnable or text.count("\n") < (c.height or 24):
        out.write(text)
        out.flush()
        return
    _run_pager(cmd, text)


def _run_pager(cmd: str, text: str) -> None:
    """Feed text to the pager (through the shell, as git does) and wait for the reader to quit.
    Ctrl-C belongs to the pager meanwhile; quitting before the end is not an error."""
    import signal
    import subprocess
    import sys

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, env=env)
        try:
            proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def paragraph(markup: str, indent: int = 0, hang: int = 2, style: str | None = None) -> None:
    """Print Rich markup wrapped to the console's width with a hanging indent: each line of it
    starts at `indent` (plus its own leading spaces) and the lines its wrapping adds start
    `hang` columns further in, under the text they continue (hang=len("note: ") puts them
    under the note, not under its label). Long words are folded, never cut."""
    from rich.text import Text

    c = console()
    width = c.width
    text = Text.from_markup(markup, style=style or "") if isinstance(markup, str) else markup
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        lead = len(plain) - len(plain.lstrip(" "))
        line = line[lead:]
        first = indent + lead
        rest = first + hang
        out: list = []
        while True:
            room = max(10, width - (first if not out else rest))
            wrapped = line.wrap(c, room, overflow="fold", no_wrap=False)
            head = wrapped[0] if len(wrapped) else Text("")
            out.append(head)
            if len(wrapped) <= 1:
                break
            used = len(head.plain)  # the line goes on from there, less the space it broke at
            remainder = line[used:]
            skip = len(remainder.plain) - len(remainder.plain.lstrip(" "))
            line = remainder[skip:]
            if not line.plain:
                break
        for i, piece in enumerate(out):
            piece.rstrip()
            c.print(Text(" " * (first if i == 0 else rest)) + piece, soft_wrap=True)


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


def table(title: str | None, columns: list[str], rows: list[list[str]], caption: str | None = None,
          keep: tuple[str, ...] = ()) -> None:
    """A table; the columns named in `keep` (ids a user types back) never wrap."""
    from rich.table import Table

    t = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for c in columns:
        if c in keep:
            t.add_column(c, no_wrap=True)
        else:
            t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*r)
    console().print(t)


def practice_log(rows: list[dict[str, str]], notes: bool, title: str = "Practice log", more: str = "") -> None:
    """The practice-log table, fitted to the console's width: at 80 columns every row is one
    line (long names and topics end with an ellipsis); wider consoles give the names and the
    notes the extra room."""
    from rich.table import Table

    width = console().width
    extra = max(0, width - 80)
    note_w = min(40, extra // 2) if notes and extra >= 20 else 0
    extra -= note_w + (2 if note_w else 0)
    spec = [("problem", "problem", 18 + extra // 2), ("topic", "topic", 14 + extra - extra // 2), ("difficulty", "diff.", 6),
            ("status", "status", 9), ("review", "review", 10), ("attempts", "tries", 5), ("solve", "solve", 6)]
    if note_w:
        spec.append(("note", "note", note_w))
    t = Table(title=title, header_style="bold", box=None, padding=(0, 1), pad_edge=False,
              caption="* set by you · UTC dates · ✅ spot-checked only · mlkata next: what now"
              + (f"\n{escape(more)}" if more else ""), caption_justify="left")
    for key, head, w in spec:
        t.add_column(head, no_wrap=True, overflow="ellipsis", width=w,
                     justify="right" if key in ("attempts", "solve") else "left")
    for r in rows:
        t.add_row(*(escape(r.get(k, "")) for k, *_ in spec))
    console().print(t)


def problem_list(groups: list[tuple[str, list[dict[str, str]]]], caption: str) -> None:
    """`mlkata list`: one line per problem under its topic's heading, never wrapped. The id
    comes first and whole (it is what you type back); the title fills the rest of the line and
    ends with an ellipsis when it does not fit."""
    from rich.table import Table
    from rich.text import Text

    t = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold", caption=caption,
              caption_justify="left", expand=False)
    small = [("level", 5), ("uses", 6), ("status", 11)]  # "❌ unknown*" is the widest status
    room = max(20, console().width - sum(w for _, w in small) - len(small))
    t.add_column("problem", no_wrap=True, overflow="ellipsis", max_width=room)
    for head, w in small:
        t.add_column(head, no_wrap=True, min_width=w)
    for title, rows in groups:
        t.add_row(Text(title, style="bold cyan"), "", "", "")
        id_w = min(max(len(r["id"]) for r in rows), room - 6)  # titles aligned, unless that cuts an id
        for r in rows:
            cell = Text("  ")
            cell.append(r["id"].ljust(id_w), style="bold")
            cell.append("  " + r["title"], style="dim")
            t.add_row(cell, r["level"], r["uses"], r["status"])
    console().print(t)


def diagnosis_line(d) -> str:
    return f"[bold yellow]Looks like {escape(d.title)}.[/] {escape(d.explain)}" + (f" [dim](reread {escape(d.section)})[/]" if d.section else "")


def render_result(result, title: str | None = None, verbose: bool = False, compact: bool = False,
                  seen_before: bool = False) -> None:
    """A verdict for a person: status line, the failing cases, the mistake seen, notes.
    compact (one screen, for watch): the mistake seen comes first, then at most two cases
    with a few lines each; seen_before: that mistake was explained at the last judgement, so
    one short line names it again."""
    c = console()
    most, lines_each = (2, 3) if compact else (4, 14)
    style = STATUS_STYLE.get(result.status, "bold")
    core_p, core_t = result.counts("core")
    edge_p, edge_t = result.counts("edge")
    head = f"[{style}]{STATUS_ICON.get(result.status, '?')} {result.status.upper()}[/] {escape(title or result.problem)}"
    if core_t:
        head += f"  core {core_p}/{core_t}"
    if edge_t:
        head += f", edge {edge_p}/{edge_t}"
    head += f"  [dim]({result.duration:.2f}s)[/]"
    # every paragraph wraps with a hanging indent: what a wrapped line continues stays readable
    paragraph(head, hang=len(STATUS_ICON.get(result.status, "?")) + len(result.status) + 2)
    if result.message:
        paragraph(escape(result.message.rstrip()), style="red" if result.status != "pass" else None)
    if result.output.strip() and (result.status != "pass" or verbose):
        c.print("[dim]your file printed while loading:[/]")
        paragraph(escape(result.output.rstrip()[:2000]), style="dim")
    if result.untouched_starter and not verbose:
        paragraph("Your file still raises NotImplementedError: this is the starter. Write the function, save, check again.")
        return
    d = result.diagnosis
    if compact and d and result.status != "pass":
        paragraph(f"[yellow]still looks like {escape(d.title)}[/] [dim](as at the last save; h for a hint)[/]"
                  if seen_before else diagnosis_line(d))
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
        if shown > most and not verbose:
            rest = sum(1 for x in result.tests if x.status not in ("pass", "skipped")) - most
            if rest > 0:
                paragraph(f"[dim]... and {rest} more failing case(s); --verbose shows all[/]", indent=2)
            break
        st = STATUS_STYLE.get(t.status, "")
        paragraph(f"[{st}]{STATUS_ICON.get(t.status, '?')}[/] [bold]{escape(t.name)}[/] "
                  f"[dim]({t.tier}; input: {escape(t.summary)})[/]", indent=2)
        if t.message and t.message in seen_messages and not verbose:
            paragraph(f"[dim]same as '{escape(seen_messages[t.message])}'[/]", indent=6)
            continue
        if t.message:
            seen_messages[t.message] = t.name
            paragraph("\n".join(escape(line) for line in t.message.rstrip().splitlines()[:lines_each]), indent=6)
        if t.why and t.status != "pass":
            paragraph(f"[cyan]this case checks:[/] {escape(t.why)}", indent=6, hang=len("this case checks: "))
        if t.output.strip() and compact:
            paragraph(f"[dim]({len(t.output.strip().splitlines())} line(s) printed here; mlkata check -v shows them)[/]",
                      indent=6)
        elif t.output.strip():
            timing = "best CPU seconds" in t.output  # a complexity case prints the judge's measurements
            c.print("      [dim]" + ("the judge's timings of your code:" if timing else "printed during this case:") + "[/]")
            for line in t.output.rstrip().splitlines()[:3 if compact else 8]:
                paragraph(f"[dim]│ {escape(line)}[/]", indent=6)
    if d and result.status != "pass" and not compact:
        paragraph(diagnosis_line(d))
    for note in result.notes[:2] if compact else result.notes:
        paragraph(f"[yellow]note:[/] {escape(note)}", hang=len("note: "))
    if result.notes and not result.strict:
        paragraph("[dim]edge cases are hardening: only --strict makes them decide the verdict[/]")


def _finite(v) -> bool:
    return isinstance(v, (int, float)) and v == v and v not in (float("inf"), float("-inf"))


def _points(plot, s) -> tuple[list, list]:
    """The drawable points of a series: finite, and positive on a log axis (log10 of 0 is no point)."""
    xs, ys = [], []
    for x, y in zip(s.x, s.y):
        if not (_finite(y) and (not isinstance(x, (int, float)) or _finite(x))):
            continue
        if plot.logx and x <= 0 or plot.logy and y <= 0:
            continue
        xs.append(x)
        ys.append(y)
    return xs, ys


def _counts(plot) -> bool:
    """Every y value is a whole number (a count): the y axis gets integer ticks."""
    ys = [y for s in plot.series for y in s.y if _finite(y)]
    return bool(ys) and all(isinstance(y, int) or float(y).is_integer() for y in ys)


def _int_ticks(top: float, most: int = 5) -> list[int]:
    """At most `most` + 1 whole-number ticks from 0 to at least `top`, evenly stepped."""
    top = max(1, int(-(-top // 1)))
    step = max(1, -(-top // most))
    return list(range(0, top + step, step))


def _ticks(lo: float, hi: float, log: bool, n: int = 5) -> list[float]:
    """About n tick positions from lo to hi: evenly spaced, or powers of ten on a log axis."""
    import math

    if hi <= lo:
        return [lo]
    if log:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        step = max(1, math.ceil((b - a) / n))
        ticks = [10.0 ** e for e in range(a, b + 1, step) if lo <= 10.0 ** e <= hi]
        return ticks or [lo, hi]
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def plot_empty(plot) -> bool:
    """Nothing to draw: no finite point, or only zeros (an empty history)."""
    return not any(_points(plot, s)[1] and any(y != 0 for y in _points(plot, s)[1]) for s in plot.series)


def plot_size(width: int | None = None, height: int | None = None) -> tuple[int, int]:
    """A plot's size in characters from the terminal: the console's width, a third of its height
    (at least 10 rows, at most 20), so a plot and its caption fit on an 80×24 screen."""
    c = console()
    w = width or min(100, c.width)
    h = height or max(10, min(20, c.height // 2 - 1 if c.height else 12))
    return w, h


def plot_text(plot, width: int | None = None, height: int | None = None) -> str:
    """A terminal plot (plotext) of one demos.Plot, as text. Never raises on degenerate data:
    points a log axis cannot show (≤ 0) and non-finite values are left out."""
    import plotext as plt

    width, height = plot_size(width, height)
    plt = _fresh_figure()
    plt.plotsize(width, height)
    _draw(plt, plot, height)
    return plt.build()


def _fresh_figure():
    """plotext with a new, empty figure: clear_figure() keeps an earlier subplot grid (a 2×2
    grid then broke a later 1×2 one), so every drawing starts from a new figure object."""
    import plotext as plt
    from plotext import _core

    try:
        _core._figure = type(_core._figure)()
    except Exception:  # another plotext layout: clearing is the next best thing
        plt.clear_figure()
    return plt


def plots_grid(plots: list, width: int | None = None, height: int | None = None) -> str:
    """Several plots two to a row (plotext subplots): four plots in about 20 lines at 80
    columns, so a report of plots fits a small terminal."""
    import plotext as plt

    width = width or min(100, console().width)
    cols = 1 if len(plots) == 1 else 2
    rows = -(-len(plots) // cols)
    height = height or max(8, min(12, (console().height or 24) // 2 - 2)) * rows
    if cols == 2 and len(plots) % 2:  # an odd one out spans the last row: no empty frame beside it
        top = height * (rows - 1) // rows
        return plots_grid(plots[:-1], width, top).rstrip("\n") + "\n" + plot_text(plots[-1], width, height - top)
    plt = _fresh_figure()
    plt.subplots(rows, cols)
    plt.plotsize(width, height)
    for i, plot in enumerate(plots):
        plt.subplot(i // cols + 1, i % cols + 1)
        _draw(plt, plot, height // rows)
    return plt.build()


def _draw(plt, plot, height: int = 20) -> None:
    """Draw one demos.Plot into plotext's active plot (or subplot) of `height` lines."""
    plt.theme("pro")
    if plot.kind == "bar":
        s = plot.series[0]
        labels = [str(x) for x in s.x]
        plt.bar(labels, [y if _finite(y) else 0 for y in s.y])
    else:
        logx, logy = plot.logx, plot.logy
        drawn = 0
        for s, marker in zip(plot.series, "•x+o*"):
            xs, ys = _points(plot, s)
            if xs:
                plt.plot(xs, ys, label=s.label if len(plot.series) > 1 else None, marker=marker)
                drawn += 1
        if drawn and logx:
            plt.xscale("log")
        if drawn and logy:
            plt.yscale("log")
        if plot.xticks:
            plt.xticks(list(plot.xticks), list(plot.xticks.values()))
            xs_all = list(plot.xticks) + [x for s in plot.series for x in s.x]
            lo, hi = min(xs_all), max(xs_all)
            plt.xlim(lo, hi + (hi - lo) * 0.08)  # room for the last label ("today") to be drawn whole
        if _counts(plot) and not logy:
            top = max((y for s in plot.series for y in s.y if _finite(y)), default=1)
            # no more ticks than rows to put them on (title, frame, dates and label take 5 lines):
            # in a short plot, crowded labels are dropped and the rest land on the wrong rows
            ticks = _int_ticks(top, most=max(1, min(5, height - 6)))
            plt.yticks(ticks, [str(t) for t in ticks])
            plt.ylim(0, ticks[-1])
        elif drawn:  # short labels (1.6e-28, not 0.000…0160), so the plot keeps its width
            ys = [y for s in plot.series for y in _points(plot, s)[1]]
            ticks = _ticks(min(ys), max(ys), logy)
            plt.yticks(ticks, [f"{t:.3g}" for t in ticks])
            if not plot.xticks:
                xs = [x for s in plot.series for x in _points(plot, s)[0] if isinstance(x, (int, float))]
                if xs:
                    ticks = _ticks(min(xs), max(xs), logx)
                    plt.xticks(ticks, [f"{t:.3g}" for t in ticks])
    plt.title(plot.title)
    plt.xlabel(plot.xlabel)
    plt.ylabel(plot.ylabel)


def figure_size(n: int) -> tuple[int, int, tuple[float, float]]:
    """Rows, columns and inches of a figure of n panels: at most 2 across, so a PNG of 4 plots is
    a 2×2 grid of about 1100×760 pixels at 100 dpi (not a 2200×400 strip)."""
    cols = 1 if n == 1 else 2
    rows = -(-n // cols)
    return rows, cols, (5.5 * cols, 3.6 * rows + 0.4)


def save_png(plots: list, path: str, title: str) -> None:
    """The plots of a demo (or of stats) in one PNG (matplotlib, no display needed), two per row.
    Panels with nothing to draw are left out (a note in the title says which)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as mpl
    from matplotlib.ticker import MaxNLocator

    shown = [p for p in plots if not plot_empty(p)]
    hidden = [p.title for p in plots if plot_empty(p)]
    if not shown:
        shown = plots[:1]  # an empty figure still says what would be there
        hidden = [p.title for p in plots[1:]]
    rows, cols, size = figure_size(len(shown))
    fig, axes = mpl.subplots(rows, cols, figsize=size, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[len(shown):]:
        ax.set_visible(False)
    for ax, plot in zip(flat, shown):
        if plot.kind == "bar":
            for i, s in enumerate(plot.series):
                xs = list(range(len(s.x)))
                w = 0.8 / len(plot.series)
                ax.bar([x + i * w for x in xs], [y if _finite(y) else 0 for y in s.y], width=w, label=s.label)
                ax.set_xticks(xs, [str(x) for x in s.x])
        else:
            drawn = 0
            for s in plot.series:
                xs, ys = _points(plot, s)
                if xs:
                    ax.plot(xs, ys, marker="o", markersize=3, label=s.label)
                    drawn += 1
            if drawn and plot.logx:
                ax.set_xscale("log")
            if drawn and plot.logy:
                ax.set_yscale("log")
            if plot.xticks:
                ax.set_xticks(list(plot.xticks), list(plot.xticks.values()))
                xs_all = list(plot.xticks) + [x for s in plot.series for x in s.x]
                ax.set_xlim(min(xs_all), max(xs_all))
        if _counts(plot) and not plot.logy:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(bottom=0)
        ax.set_title(plot.title, fontsize=10)
        ax.set_xlabel(plot.xlabel, fontsize=9)
        ax.set_ylabel(plot.ylabel, fontsize=9)
        if len(plot.series) > 1:
            ax.legend(fontsize=8)
    fig.suptitle(title + (f"  (empty: {', '.join(hidden)})" if hidden else ""), fontsize=11)
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

            c.print(Text.from_ansi(plot_text(p)))
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


def columns2(left: list[str], right: list[str]) -> None:
    """Two columns of Rich markup lines side by side (one under the other when there is no right)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 3))
    grid.add_column(no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, overflow="ellipsis")
    for i in range(max(len(left), len(right))):
        grid.add_row(left[i] if i < len(left) else "", right[i] if i < len(right) else "")
    console().print(grid)


def compact_table(columns: list[str], rows: list[list[str]], flex: int | None = None) -> None:
    """A table without borders, one line per row (cells cut with an ellipsis, never wrapped).
    With `flex`, only that column is cut: the others keep their widest cell whole (names a
    user types back)."""
    from rich import box
    from rich.markup import render
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, padding=(0, 1))
    if flex is not None:
        wide = [max([len(c)] + [render(r[i]).cell_len for r in rows]) for i, c in enumerate(columns)]
        room = console().width - sum(w for i, w in enumerate(wide) if i != flex) - 3 * (len(columns) - 1)
        for i, c in enumerate(columns):
            t.add_column(c, no_wrap=True, overflow="ellipsis", max_width=max(8, room) if i == flex else None,
                         min_width=None if i == flex else wide[i])
    for i, c in enumerate([] if flex is not None else columns):
        t.add_column(c, no_wrap=True, overflow="ellipsis", max_width=28 if i == 0 else None)
    for r in rows:
        t.add_row(*r)
    console().print(t)


def ansi(text: str) -> None:
    """Print text carrying ANSI colour codes (e.g. a plotext plot) through the console."""
    from rich.text import Text

    console().print(Text.from_ansi(text.rstrip("\n")))  # no blank line after it


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


def _captured(draw) -> list[str]:
    c = console()
    with c.capture() as cap:
        draw()
    text = cap.get()
    return text.rstrip("\n").split("\n") if text.strip() else []


def screen(header, body, footer, more: str = "", height: int | None = None) -> None:
    """Redraw the whole terminal in place: clear it, then the header, the body cut to the lines
    left (a last line says where the rest is) and the footer. Never more lines than the
    terminal has, so nothing scrolls (watch, at 80×24)."""
    c = console()
    head, foot, lines = _captured(header), _captured(footer), _captured(body)
    room = max(3, (height or c.height or 24) - len(head) - len(foot) - 1)
    if len(lines) > room:
        cut = _captured(lambda: c.print(f"[dim]… {escape(more or 'more below')}[/]"))
        lines = lines[: room - len(cut)] + cut
    from rich.text import Text

    c.clear()
    c.print(Text.from_ansi("\n".join(head + lines + foot)), soft_wrap=True)
