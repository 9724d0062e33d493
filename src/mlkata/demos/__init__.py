"""Experiments that reproduce the sheet's claims (and its errata) live, in seconds, seeded.

Each module in this package defines ``NAME``, ``TITLE``,
``SECTIONS`` (the sheet sections it speaks to: cards covering them link here) and
``run(seed: int = 0) -> DemoResult``. Numbers are computed when the demo
runs, never pasted; the reading is a template filled with them.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType


@dataclass
class Series:
    label: str
    x: list[float]
    y: list[float]


@dataclass
class Plot:
    title: str
    xlabel: str
    ylabel: str
    series: list[Series]
    logx: bool = False
    logy: bool = False
    kind: str = "line"  # line / bar
    xticks: dict[float, str] | None = None  # x value -> label (e.g. dates); the x axis spans exactly these


@dataclass
class DemoResult:
    name: str
    title: str
    reading: str
    numbers: dict[str, float | int | str] = field(default_factory=dict)
    plots: list[Plot] = field(default_factory=list)
    table: list[list[str]] | None = None
    table_header: list[str] | None = None


def modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return dict(sorted(found.items()))


def run(name: str, seed: int = 0) -> DemoResult:
    return modules()[name].run(seed=seed)
