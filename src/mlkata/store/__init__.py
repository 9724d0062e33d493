"""SQLite store: connection, migrations applied on open, queries. Knows no problem by name."""

from mlkata.store.db import connect, migration
from mlkata.store.errors import StoreError

__all__ = ["StoreError", "connect", "migration"]
