"""Where mlkata keeps things: the user directory, the workspace, the cache.

Every location can be overridden by an environment variable, so tests (and users
with unusual set-ups) point mlkata at temporary directories.
"""

from __future__ import annotations

import os
from pathlib import Path


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def home() -> Path:
    """The user directory: progress database, settings. ``MLKATA_HOME`` overrides."""
    value = os.environ.get("MLKATA_HOME")
    path = Path(value) if value else _xdg("XDG_DATA_HOME", ".local/share") / "mlkata"
    path.mkdir(parents=True, exist_ok=True)
    return path


def workspace() -> Path:
    """Where starters are written for the candidate to edit. ``MLKATA_WORKSPACE`` overrides."""
    value = os.environ.get("MLKATA_WORKSPACE")
    path = Path(value) if value else Path.home() / "mlkata-workspace"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache() -> Path:
    """Derived data that can be rebuilt (oracle cases). ``MLKATA_CACHE`` overrides."""
    value = os.environ.get("MLKATA_CACHE")
    path = Path(value) if value else home() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database() -> Path:
    return home() / "mlkata.db"
