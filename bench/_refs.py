"""Loading a problem's reference solution from the bank by id, for the reference benchmarks."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any


def reference(problem_id: str) -> Any | None:
    """The reference module of `problem_id`, or None (with a message) if the bank lacks it."""
    from mlkata.bank import load_bank

    bank = load_bank()
    if problem_id not in bank.problems:
        print(f"skipped: no problem '{problem_id}' in the bank at {bank.root} yet")
        return None
    path = bank.get(problem_id).solution_path
    spec = importlib.util.spec_from_file_location(f"_ref_{problem_id.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entry(module: Any, name: str, problem_id: str) -> Any | None:
    fn = getattr(module, name, None)
    if fn is None:
        print(f"skipped: the '{problem_id}' reference has no `{name}` (its contract changed?)")
    return fn


def peak_mib(fn, *args, **kwargs) -> tuple[Any, float, float]:
    """(result, seconds, peak traced MiB) — NumPy allocations are traced by tracemalloc."""
    import time
    import tracemalloc

    tracemalloc.start()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    dt = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, dt, peak / 2**20


def skip_exit() -> None:
    sys.exit(0)
