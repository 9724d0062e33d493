"""Where mlkata keeps things: the user directory, the workspace, the cache.

Every location can be overridden by an environment variable, so tests (and users
with unusual set-ups) point mlkata at temporary directories. A folder that cannot be made (the
path is a file, no permission, a full disk) raises ``mlkata.store.StoreError`` naming the path
and the variable that sets it (see docs/storage.md).
"""

from __future__ import annotations

import os
from pathlib import Path


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def _folder(path: Path, what: str, variable: str) -> Path:
    """Make ``path`` (and its parents) if needed; a StoreError naming it if that is impossible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from mlkata.store.errors import os_error

        err = os_error(exc, path, what, verb="create")
        raise type(err)(f"{err} (set {variable} to choose another folder)") from None
    return path


def home() -> Path:
    """The user directory: progress database, settings. ``MLKATA_HOME`` overrides."""
    value = os.environ.get("MLKATA_HOME")
    path = Path(value) if value else _xdg("XDG_DATA_HOME", ".local/share") / "mlkata"
    return _folder(path, "the mlkata home folder", "MLKATA_HOME")


def workspace() -> Path:
    """Where starters are written for the candidate to edit. ``MLKATA_WORKSPACE`` overrides."""
    value = os.environ.get("MLKATA_WORKSPACE")
    path = Path(value) if value else Path.home() / "mlkata-workspace"
    return _folder(path, "the workspace folder", "MLKATA_WORKSPACE")


def cache() -> Path:
    """Derived data that can be rebuilt (oracle cases). ``MLKATA_CACHE`` overrides."""
    value = os.environ.get("MLKATA_CACHE")
    path = Path(value) if value else home() / "cache"
    return _folder(path, "the cache folder", "MLKATA_CACHE")


def database() -> Path:
    return home() / "mlkata.db"
