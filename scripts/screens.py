"""Render mlkata's main screens at 80×24 and save each as an SVG in docs/screens/.

    .venv/bin/python scripts/screens.py            # writes docs/screens/*.svg
    .venv/bin/python scripts/screens.py --check    # renders, checks 80 columns, writes nothing

Each screen is what a new user sees after the README's quick start, on a small history made
here (a start, a failing check, a hint, a passing check, a card reviewed), in temporary
MLKATA_HOME / MLKATA_WORKSPACE directories: your own data is never read. The output is
recorded with Rich (Console(width=80, height=24, record=True)) and exported with
Console.export_svg. tests/test_screens.py renders the same screens and checks their size.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WIDTH, HEIGHT = 80, 24
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Screen:
    name: str
    title: str
    text: str
    svg: str


def _console():
    from rich.console import Console

    return Console(width=WIDTH, height=HEIGHT, record=True, force_terminal=True, color_system="truecolor",
                   file=io.StringIO(), highlight=False, soft_wrap=False)


def run(args: list[str], input: str | None = None, title: str | None = None, name: str | None = None) -> Screen:
    """`mlkata ARGS` as a user would run it, recorded at 80×24."""
    from click.testing import CliRunner

    from mlkata import terminal
    from mlkata.cli.main import cli

    terminal._console = c = _console()
    result = CliRunner().invoke(cli, args, input=input, catch_exceptions=False)
    plain = result.output  # click.echo output (not through Rich) also belongs to the screen
    if plain.strip():
        from rich.text import Text

        c.print(Text(plain.rstrip("\n")))
    text = c.export_text(clear=False)
    title = title or "mlkata " + " ".join(args)
    return Screen(name or (args[0] if args else "dashboard"), title, text, c.export_svg(title=title))


def draw(fn, title: str, name: str) -> Screen:
    from mlkata import terminal

    terminal._console = c = _console()
    fn()
    text = c.export_text(clear=False)
    return Screen(name, title, text, c.export_svg(title=title))


ENV = {"MLKATA_FSRS_FUZZ": "0", "COLUMNS": str(WIDTH), "LINES": str(HEIGHT)}


def history(home: Path, workspace: Path) -> None:
    """A short first session (MLKATA_HOME/MLKATA_WORKSPACE set to home/workspace and ENV in the
    environment): softmax started, and saved with a known mistake in it."""
    from mlkata.bank import load_bank
    from mlkata.cli.main import cli
    from click.testing import CliRunner

    p = load_bank().get("softmax")
    r = CliRunner()
    r.invoke(cli, ["start", "softmax"])
    wrong = next(m for m in p.mistakes if m.id == "no-max-shift")
    (workspace / p.filename).write_text(wrong.path.read_text())


def screens() -> list[Screen]:
    from mlkata.bank import load_bank

    out: list[Screen] = []
    p = load_bank().get("softmax")
    target = Path(os.environ["MLKATA_WORKSPACE"]) / p.filename
    out.append(run(["check", "softmax"], name="check-fail", title="mlkata check softmax (a known mistake)"))
    out.append(run(["hint", "softmax"], name="hint"))
    target.write_text(p.solution_path.read_text())
    out.append(run(["check", "softmax"], name="check-pass", title="mlkata check softmax (passed)"))
    out.append(run(["review", "--deck", "sheet-questions", "--max", "1"], input="\n3\n", name="review"))
    out.append(run([], name="dashboard", title="mlkata (the dashboard)"))
    out.append(run(["next"], name="next"))
    out.append(run(["log"], name="log"))
    out.append(run(["list", "--topic", "attention"], name="list"))
    out.append(run(["stats", "--days", "14"], name="stats", title="mlkata stats --days 14"))
    out.append(run(["demo"], name="demo-list", title="mlkata demo"))
    out.append(_watch(p, target))
    return out


def _watch(p, target: Path) -> Screen:
    """One frame of `mlkata watch`: the verdict after a save of a known mistake."""
    from mlkata.cli.watch import Session
    from mlkata.judge import warm

    wrong = next(m for m in p.mistakes if m.id == "no-max-shift")
    target.write_text(wrong.path.read_text())

    from mlkata import terminal

    s = Session(p.id, poll=False)
    shown = s.draw

    def last_frame(*args, **kwargs) -> None:  # each redraw clears the screen: record only the last
        terminal._console = _console()
        shown(*args, **kwargs)

    s.draw = last_frame
    try:
        s.judge(force=True)
    finally:
        warm.disable()
    c = terminal.console()
    title = "mlkata watch softmax (after a save)"
    return Screen("watch", title, c.export_text(clear=False), c.export_svg(title=title))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="render and check the sizes; write nothing")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home, ws = Path(tmp) / "home", Path(tmp) / "ws"
        ws.mkdir(parents=True)
        os.environ["MLKATA_CACHE"] = os.environ.get("MLKATA_CACHE") or str(Path(tmp) / "cache")
        os.environ.update(ENV, MLKATA_HOME=str(home), MLKATA_WORKSPACE=str(ws))
        history(home, ws)
        shots = screens()
    out = Path(a.out)
    bad = 0
    for s in shots:
        lines = s.text.rstrip("\n").split("\n")
        from rich.cells import cell_len

        wide = max(cell_len(ln) for ln in lines)
        status = "ok" if wide <= WIDTH and len(lines) < HEIGHT else "TOO BIG"  # the last line is the prompt's
        bad += status != "ok"
        print(f"{s.name:12} {len(lines):3} lines, {wide:3} columns  {status}")
        if not a.check:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{s.name}.svg").write_text(s.svg, encoding="utf-8")
    if not a.check:
        print(f"wrote {len(shots)} SVGs to {out}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
