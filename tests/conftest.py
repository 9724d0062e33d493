"""Every test runs against temporary user, workspace and cache directories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    # oracle cases and mistake signatures are derived data: share them across tests for speed
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def mlkata_dirs(tmp_path, shared_cache, monkeypatch) -> dict[str, Path]:
    home, ws = tmp_path / "home", tmp_path / "ws"
    monkeypatch.setenv("MLKATA_HOME", str(home))
    monkeypatch.setenv("MLKATA_WORKSPACE", str(ws))
    monkeypatch.setenv("MLKATA_CACHE", str(shared_cache))
    monkeypatch.setenv("MLKATA_FSRS_FUZZ", "0")
    monkeypatch.setenv("COLUMNS", "200")
    import mlkata.terminal

    monkeypatch.setattr(mlkata.terminal, "_console", None)  # a fresh console per test, at that width
    return {"home": home, "workspace": ws, "cache": shared_cache}


@pytest.fixture
def mlkata():
    """Run the CLI as a user would: mlkata("check", "softmax") -> click Result."""
    from mlkata.cli.main import cli

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Path:
    """An empty cache of this test's own, as on a fresh install (the shared one is pre-built)."""
    from mlkata.judge import core

    cache = tmp_path / "fresh-cache"
    monkeypatch.setenv("MLKATA_CACHE", str(cache))
    core._LOADED.clear()
    yield cache
    core._LOADED.clear()
