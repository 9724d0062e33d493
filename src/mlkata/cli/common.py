"""Helpers shared by the command modules: loading the bank, resolving ids, opening the store."""

from __future__ import annotations

import click


def bank():
    from mlkata.bank import BankError, load_bank

    try:
        return load_bank()
    except BankError as exc:
        raise click.ClickException(f"the problem bank is malformed: {exc}") from None


def problem(problem_id: str):
    b = bank()
    if problem_id not in b.problems:
        close = b.suggest(problem_id)
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run `mlkata list` to see them."
        raise click.UsageError(f"unknown problem '{problem_id}'.{hint}")
    return b.get(problem_id)


def store():
    from mlkata.store import connect

    try:
        return connect()
    except Exception as exc:  # a locked or unreadable database: say so, do not lose data
        raise click.ClickException(f"cannot open the progress database: {exc}") from None
