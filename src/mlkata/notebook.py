"""Notebook use: ``%load_ext mlkata`` then a ``%%mlkata check ID`` cell.

The cell is judged by the same judge as ``mlkata check`` (written to a file under the
workspace so tracebacks show your lines), the attempt is recorded, and the verdict is shown
as rich output. The cell then also runs in the notebook, like any cell, so what it defines
is available afterwards.
"""

from __future__ import annotations

import shlex
from typing import Any


class Verdict:
    """A judge result with notebook renderings."""

    def __init__(self, result: Any, title: str):
        self.result, self.title = result, title

    def _render(self, html: bool) -> str:
        from rich.console import Console

        from mlkata import terminal

        console = Console(record=True, width=100, force_jupyter=False, force_terminal=False, file=_Null())
        saved = terminal._console
        terminal._console = console
        try:
            terminal.render_result(self.result, title=self.title)
        finally:
            terminal._console = saved
        return console.export_html(inline_styles=True) if html else console.export_text()

    def _repr_html_(self) -> str:
        return self._render(html=True)

    def __repr__(self) -> str:
        return self._render(html=False)

    @property
    def status(self) -> str:
        return self.result.status


class _Null:
    def write(self, s: str) -> int:
        return len(s)

    def flush(self) -> None:
        pass


def check_source(problem_id: str, source: str, strict: bool = False) -> Verdict:
    """Judge `source` for a problem, record the attempt, return a displayable verdict."""
    from mlkata import paths
    from mlkata.bank import load_bank
    from mlkata.judge.core import judge
    from mlkata.store import connect
    from mlkata.study.checks import record_check

    bank = load_bank()
    if problem_id not in bank.problems:
        close = bank.suggest(problem_id)
        raise ValueError(f"unknown problem {problem_id!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    problem = bank.get(problem_id)
    folder = paths.workspace() / "notebook"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / problem.filename
    path.write_text(source, encoding="utf-8")
    result = judge(problem, source, str(path.resolve()), strict=strict)
    with connect() as conn:
        rec = record_check(conn, problem, result, source)
    for warning in rec.warnings:
        print(f"mlkata: warning: {warning}")
    if rec.note:
        print(f"mlkata: {rec.note}")
    return Verdict(result, f"{problem.id} — {problem.title}")


def load_ipython_extension(ipython: Any) -> None:
    from IPython.core.magic import register_cell_magic  # noqa: F401  (IPython present here)

    def mlkata_magic(line: str, cell: str) -> Any:
        args = shlex.split(line)
        if len(args) < 2 or args[0] != "check":
            print("usage: %%mlkata check PROBLEM_ID [--strict]")
            return None
        strict = "--strict" in args[2:]
        try:
            verdict = check_source(args[1], cell, strict=strict)
        except ValueError as exc:
            print(f"mlkata: {exc}")
            return None
        ipython.run_cell(cell, store_history=False)
        return verdict

    ipython.register_magic_function(mlkata_magic, magic_kind="cell", magic_name="mlkata")
