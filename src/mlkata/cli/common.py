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


def problem(problem_id: str):
    b = bank()
    if problem_id not in b.problems:
        close = b.suggest(problem_id)
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run `mlkata list` to see them."
        raise click.UsageError(f"unknown problem '{problem_id}'.{hint}")
    return b.get(problem_id)


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
