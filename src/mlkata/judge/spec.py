"""What a problem's case generator (``.meta/cases.py``) builds: :class:`Case`.

Kept free of NumPy/PyTorch imports so the CLI stays fast.

A ``cases.py`` module defines::

    def generate() -> list[Case]:
        '''Deterministic (fixed seeds). Inputs plus oracle-computed expected values.'''

and optionally, by name, functions referenced from cases:

* ``run`` hooks, executed **in the sandbox** with the candidate's entry point:
  ``def run_train(entry, case) -> output`` (default: ``entry(*case.args, **case.kwargs)``);
* ``check`` hooks, executed **in the judge** to grade an output:
  ``def check_fixed_point(case, got, ctx) -> str | None`` (return a failure message or None).
  ``ctx.compare(expected, got)`` gives the standard comparison with the case's tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TIERS = ("core", "edge")


@dataclass
class Case:
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    tier: str = "core"
    expected: Any = None
    # per-case tolerance override, e.g. {"rtol": 1e-3, "atol": 1e-6}; else the problem's for `dtype`
    tol: dict | None = None
    # dtype whose tolerance applies; None = detected from the floating inputs
    dtype: str | None = None
    run: str | None = None      # name of a run hook in cases.py (sandbox side)
    check: str | None = None    # name of a check hook in cases.py (judge side)
    summary: str | None = None  # short description of the input; default: shapes and dtypes
    why: str | None = None      # what the case is designed to catch (shown on failure)
    time_limit: float | None = None  # seconds for this case; default: what is left of the run's
    data: dict = field(default_factory=dict)  # free-form, judge-side data for check hooks
    # positional arguments that are tensors requiring grad in the sandbox (torch problems)
    requires_grad: tuple = ()
    # with requires_grad: the gradient of the output to back-propagate (default: ones)
    upstream: Any = None

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise ValueError(f"case {self.name!r}: tier must be one of {TIERS}, not {self.tier!r}")
        if not isinstance(self.args, tuple):
            self.args = tuple(self.args)
