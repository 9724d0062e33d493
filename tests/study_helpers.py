"""Shared helpers for the dashboard and mock tests: a bank of softmax copies in chosen topics and
levels, fabricated check results at chosen times, and stand-in concept cards (the card module is
optional: its stand-in follows the contract load_decks() -> [Deck(id, title, cards, path)])."""

from __future__ import annotations

import shutil
import sys
import types
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mlkata.bank.loader import default_root


def make_bank(root: Path, monkeypatch, problems: dict[str, tuple[str, str]]) -> Path:
    """A bank of only these problems, copies of softmax: id -> (topic, level) (the real bank's
    topics, none of its other problems, so the tests hold as the bank grows). MLKATA_BANK points
    the loader at it."""
    source = default_root()
    (root / "problems").mkdir(parents=True)
    shutil.copy(source / "bank.toml", root / "bank.toml")
    shutil.copytree(source / "problems" / "softmax", root / "problems" / "softmax",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for pid, (topic, level) in problems.items():
        folder = root / "problems" / pid
        if pid != "softmax":
            shutil.copytree(root / "problems" / "softmax", folder)
        toml = folder / ".meta" / "problem.toml"
        text = toml.read_text()
        text = text.replace('id = "softmax"\n', f'id = "{pid}"\n', 1)
        text = text.replace('topic = "foundations"\n', f'topic = "{topic}"\n', 1)
        text = text.replace('level = "L1"\n', f'level = "{level}"\n', 1)
        toml.write_text(text)
    if "softmax" not in problems:
        shutil.rmtree(root / "problems" / "softmax")
    monkeypatch.setenv("MLKATA_BANK", str(root))
    return root


def check(conn, problem_id: str, status: str, at: datetime, monkeypatch) -> None:
    """Record a fabricated check at time `at` through the public APIs (as `mlkata check` does)."""
    from mlkata.bank import load_bank
    from mlkata.judge.result import Result, TestResult
    from mlkata.study import log, progress

    tests = [TestResult(name="core", tier="core", status=status)]
    result = Result(problem=problem_id, status=status, tests=tests, duration=0.5)
    real = progress.now_utc
    monkeypatch.setattr(progress, "now_utc", lambda: at.isoformat(timespec="milliseconds"))
    try:
        progress.record_attempt(conn, result, f"# {status} at {at}")
    finally:
        monkeypatch.setattr(progress, "now_utc", real)
    log.after_check(conn, load_bank().get(problem_id), result, now=at)


@dataclass(frozen=True)
class FakeCard:
    id: str
    level: str
    question: str
    answer: str
    deck: str = "fake"
    topics: tuple = ()
    sections: tuple = ()
    more: str = ""
    problems: tuple = ()
    demos: tuple = ()
    parent: str | None = None

    @property
    def item(self) -> str:
        return "card:" + self.id


@dataclass
class FakeDeck:
    id: str
    title: str
    cards: list
    path: Path


def install_cards(monkeypatch, cards: list) -> None:
    """Make `from mlkata.study import cards` return a stand-in whose load_decks() gives `cards`."""
    import mlkata.study

    fake = types.ModuleType("mlkata.study.cards")
    fake.load_decks = lambda root=None: [FakeDeck("fake", "Fake deck", list(cards), Path("fake.toml"))]
    monkeypatch.setitem(sys.modules, "mlkata.study.cards", fake)
    monkeypatch.setattr(mlkata.study, "cards", fake, raising=False)


def uninstall_cards(monkeypatch) -> None:
    """Make the card module look absent, whether or not it is installed."""
    import mlkata.study

    monkeypatch.setitem(sys.modules, "mlkata.study.cards", None)  # import raises ImportError
    monkeypatch.delattr(mlkata.study, "cards", raising=False)
