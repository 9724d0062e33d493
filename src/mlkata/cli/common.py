"""Helpers shared by the command modules: loading the bank, resolving ids, opening the store."""

from __future__ import annotations

import os

import click


def bank():
    from mlkata.bank import BankError, load_bank

    try:
        return load_bank()
    except BankError as exc:
        raise click.ClickException(f"the problem bank is malformed: {exc}") from None


def shortcuts(p) -> list[str]:
    """The other names a problem answers to, all derived from its files (never typed here):
    its workspace file name (two_sum, two_sum.py), its LeetCode number from problem.toml
    (lc1, lc-1, leetcode1) and the initials of its id (mha for multi-head-attention)."""
    names = [p.filename[:-3], p.filename]
    lc = p.extra.get("leetcode")
    if isinstance(lc, int) and not isinstance(lc, bool):
        names += [f"lc{lc}", f"lc-{lc}", f"leetcode{lc}", f"leetcode-{lc}"]
    words = p.id.split("-")
    if len(words) > 1:
        names.append("".join(w[0] for w in words))
    return names


def resolve(b, name: str) -> tuple[str | None, list[str]]:
    """(problem id, []) when `name` names exactly one problem; (None, candidates) otherwise.
    In order: the exact id, a shortcut (see `shortcuts`), a unique prefix of an id, a unique id
    containing it; the candidates are for a "did you mean"."""
    key = name.strip().lower()
    if key in b.problems:
        return key, []
    by_short: dict[str, list[str]] = {}
    for p in b.problems.values():
        for s in shortcuts(p):
            by_short.setdefault(s.lower(), []).append(p.id)
    hits = by_short.get(key, [])
    if len(hits) == 1:
        return hits[0], []
    if not hits:
        hits = [pid for pid in b.problems if pid.startswith(key)] if key else []
        if len(hits) == 1:
            return hits[0], []
    if not hits:
        hits = [pid for pid in b.problems if key and key in pid]
        if len(hits) == 1:
            return hits[0], []
    return None, sorted(hits) or b.suggest(key)


def problem(problem_id: str):
    b = bank()
    pid, close = resolve(b, problem_id)
    if pid is None:
        if len(close) > 1 and all(c.startswith(problem_id.lower()) or problem_id.lower() in c for c in close):
            raise click.UsageError(f"'{problem_id}' matches several problems: {', '.join(close[:6])}"
                                   f"{' …' if len(close) > 6 else ''}. Type more of the id.")
        hint = f" Did you mean: {', '.join(close[:3])}?" if close else " Run `mlkata list` to see them."
        raise click.UsageError(f"unknown problem '{problem_id}'.{hint}")
    return b.get(pid)


def problem_from_file(path: str):
    """The problem whose workspace file this is (its name is the problem's file name), or None."""
    from pathlib import Path

    name = Path(path).name
    b = bank()
    return next((p for p in b.problems.values() if p.filename == name), None)


def complete_problem(ctx, param, incomplete: str):
    """Shell completion of problem ids (Click's built-in completion calls this)."""
    from click.shell_completion import CompletionItem

    try:
        b = bank()
    except click.ClickException:
        return []
    return [CompletionItem(p.id, help=p.title) for p in b.ordered() if p.id.startswith(incomplete)]


def store():
    """The progress database, migrated. A failure of the machine (locked, read-only, full disk,
    not a database, written by a newer mlkata) is one line, exit status 1; the file is left as it was."""
    from mlkata.store import StoreError, connect

    try:
        return connect()
    except StoreError as exc:
        if os.environ.get("MLKATA_DEBUG"):
            raise
        raise click.ClickException(str(exc)) from None
