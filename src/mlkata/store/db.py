"""Connection and migrations.

One function per schema change, registered in order with ``@migration``, recorded in the
``_migrations`` table and applied whenever the database is opened (the simonw/llm pattern).
Feature modules add their own migrations in ``mlkata.store.migrations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register a schema change. Names must be unique; order of registration is order of application."""
    if any(name == fn.__name__ for name, _ in MIGRATIONS):
        raise ValueError(f"duplicate migration name: {fn.__name__}")
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every registered migration not yet recorded; return the names applied."""
    from mlkata.store import migrations as _  # noqa: F401  (registers the migrations)

    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with conn:  # one transaction per migration: a crash leaves the schema consistent
            fn(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (name,),
            )
        applied.append(name)
    return applied


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the progress database and bring its schema up to date."""
    if path is None:
        from mlkata import paths

        path = paths.database()
    conn = sqlite3.connect(str(path), timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")  # readers never block, a killed writer never corrupts
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn)
    return conn
