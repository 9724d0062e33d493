"""SQLite store: connection, migrations applied on open, queries. Knows no problem by name."""

from mlkata.store.db import connect, migration

__all__ = ["connect", "migration"]
