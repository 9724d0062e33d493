"""Connection and migrations.

One function per schema change, registered in order with ``@migration``, recorded in the
``_migrations`` table and applied whenever the database is opened (the simonw/llm pattern).
Feature modules add their own migrations in ``mlkata.store.migrations``.

Each migration runs with its record in ``_migrations`` inside one explicit
``BEGIN IMMEDIATE … COMMIT``: SQLite's DDL is transactional, so a migration that fails or is
killed half-way leaves nothing behind and is simply applied again on the next open. A
migration must therefore use ``conn.execute`` only: ``executescript`` and ``commit`` would end
the transaction early (``migrate`` refuses a migration that does so).

Failures of the machine (locked, read-only, full, corrupt, not a database) come out of
``connect`` and out of ``with conn:`` blocks as one-line :class:`StoreError` messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from mlkata.store.errors import StoreError, sqlite_error

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []

# seconds a statement waits for another program's write lock before "database is locked"
BUSY_TIMEOUT = 30.0


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register a schema change. Names must be unique; order of registration is order of application."""
    if any(name == fn.__name__ for name, _ in MIGRATIONS):
        raise ValueError(f"duplicate migration name: {fn.__name__}")
    MIGRATIONS.append((fn.__name__, fn))
    return fn


class Connection(sqlite3.Connection):
    """An SQLite connection that knows its file and reports the machine's failures as StoreError.

    ``with conn:`` keeps sqlite3's meaning (commit on success, roll back on error); an SQLite
    error of the machine raised inside the block, or by the commit, becomes a StoreError.
    """

    path: Path = Path("?")

    def __exit__(self, exc_type, exc, tb):
        try:
            result = super().__exit__(exc_type, exc, tb)
        except sqlite3.Error as err:  # the commit itself failed (disk full, locked ...)
            if self.in_transaction:
                self.rollback()
            translated = sqlite_error(err, self.path)
            if translated is None:
                raise
            raise translated from err
        if isinstance(exc, sqlite3.Error):
            translated = sqlite_error(exc, self.path)
            if translated is not None:
                raise translated from exc
        return result


def _recorded(conn: sqlite3.Connection) -> list[str]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone() is None:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def _refuse_newer(recorded: list[str], path: Path | str) -> None:
    known = {name for name, _ in MIGRATIONS}
    unknown = [name for name in recorded if name not in known]
    if unknown:
        raise StoreError(
            f"the progress database {path} was written by a newer mlkata (schema changes this version does not "
            f"know: {', '.join(unknown)}); it was left untouched: upgrade mlkata, or set MLKATA_HOME to another folder")


def migrate(conn: sqlite3.Connection, path: Path | str | None = None) -> list[str]:
    """Apply every registered migration not yet recorded; return the names applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration and its record
    are one explicit transaction. A database that records a migration this code does not know
    (written by a newer mlkata) raises StoreError before anything is written.
    """
    from mlkata.store import migrations as _  # noqa: F401  (registers the migrations)

    if conn.isolation_level is not None or conn.in_transaction:
        raise RuntimeError("migrate() needs a connection in autocommit mode (isolation_level=None)")
    where = path if path is not None else getattr(conn, "path", "?")
    recorded = _recorded(conn)
    _refuse_newer(recorded, where)
    pending = [(name, fn) for name, fn in MIGRATIONS if name not in set(recorded)]
    applied = []
    for name, fn in pending:
        conn.execute("BEGIN IMMEDIATE")  # waits for (then excludes) any other writer
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            now = _recorded(conn)  # another mlkata may have migrated while we waited for the lock
            _refuse_newer(now, where)
            if name in now:
                conn.execute("COMMIT")
                continue
            fn(conn)
            if not conn.in_transaction:
                raise RuntimeError(f"migration {name} ended its transaction (executescript or commit?): "
                                   "a migration must use conn.execute only")
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (name,),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _use_wal(conn: sqlite3.Connection) -> None:
    """WAL mode: readers never block, a killed writer never corrupts. Switching a new file to it
    needs a moment alone with the file, and SQLite answers 'locked' at once (without waiting)
    while another process opens it too: retry within the usual busy timeout."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the progress database and bring its schema up to date.

    The connection returned uses sqlite3's default transaction handling (``with conn:`` is one
    transaction). Raises StoreError, with one line to show the user, when the machine is at fault.
    """
    if path is None:
        from mlkata import paths

        path = paths.database()
    path = Path(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None, factory=Connection)
    except sqlite3.Error as exc:
        raise (sqlite_error(exc, path) or exc) from exc
    conn.path = path
    try:
        conn.row_factory = sqlite3.Row
        _use_wal(conn)
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn, path)
        conn.isolation_level = ""  # back to sqlite3's implicit transactions for the callers
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            translated = sqlite_error(exc, path)
            if translated is not None:
                raise translated from exc
        raise
    return conn
