"""Complexity verdicts: how a submission's running time grows with the input size.

Two halves, used by a problem's ``cases.py``:

* :func:`measure` runs **in the sandbox**, from a run hook. It times the candidate's entry at
  a few sizes growing by x2 (``make(n, rng)`` builds an input, ``call(entry, inp)`` runs it),
  taking the minimum of several repeats in *process CPU time* (a descheduled process does not
  accumulate it, so a loaded machine adds little noise), interleaving the sizes in rounds so
  a burst of load hits every size alike, and stopping when a total time budget is spent or the
  next size would overrun it. It then fits the growth and returns the fitted class as a
  string (``"n^2"``; a class above the target only when clearly above, see below): equal
  classes compare equal, so the judge's diagnosis can match a
  candidate's outcome with a known brute force's. The raw timings are printed (they show up
  as the case's output).
* :func:`check_growth` runs **in the judge**, as a check hook: it fails when the reported
  class is above the problem's target (``case.data["target"]``), with the message
  "looks O(n²); target O(n log n)".

The fit: least squares of log(time) against log(n) gives the observed slope; each candidate
class has its own slope over the same sizes (log n and n log n have fractional ones); the
closest class wins, except that the lowest class within ``TIE`` (0.2) of the observed slope
is preferred (a log factor is hard to see: over a 16x range n and n log n differ by ~0.1 in
slope, less than cache effects add). A class is "clearly above" the target only when it is
the closest class *and* the observed slope exceeds the target's by at least ``MARGIN`` (0.5: a correct solution
would need its largest timing inflated ~2.8x by noise over an 8x range to be flagged).

Where the fit runs: in the sandbox, because the diagnosis compares outputs and raw timings
never repeat; the judge only ranks the reported class against the target. A submission could
tamper with this module inside its own sandbox and fake a fast class: this is a trainer's
speed note, not a security boundary (the verdict that matters is the core tier's).
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

# (name, f(n)) in increasing order of growth
CLASSES: list[tuple[str, Callable[[float], float]]] = [
    ("1", lambda n: 1.0),
    ("log n", lambda n: math.log2(n)),
    ("n", lambda n: n),
    ("n log n", lambda n: n * math.log2(n)),
    ("n^2", lambda n: n * n),
    ("n^3", lambda n: n ** 3),
]
RANK = {name: k for k, (name, _) in enumerate(CLASSES)}
PRETTY = {"1": "O(1)", "log n": "O(log n)", "n": "O(n)", "n log n": "O(n log n)", "n^2": "O(n²)", "n^3": "O(n³)"}
MARGIN = 0.5  # slope units above the target's before a verdict can fail
TIE = 0.2      # slope distance within which the lower of two classes is reported


def _slope(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def class_slope(name: str, sizes: list[int]) -> float:
    f = dict(CLASSES)[name]
    return _slope([math.log(n) for n in sizes], [math.log(max(f(n), 1e-12)) for n in sizes])


def fit(timings: dict[int, float]) -> tuple[str, float]:
    """(closest class, observed slope) for {n: seconds}; needs two sizes or more."""
    sizes = sorted(n for n, t in timings.items() if t is not None)
    if len(sizes) < 2:
        return "?", float("nan")
    floor = 2e-6  # below the timer's useful resolution: treat as constant
    observed = _slope([math.log(n) for n in sizes], [math.log(max(timings[n], floor)) for n in sizes])
    dist = {name: abs(class_slope(name, sizes) - observed) for name, _ in CLASSES}
    # log factors are hard to see over a 16x range (n and n log n differ by ~0.1 in slope):
    # the lowest class within TIE of the observed slope wins over a marginally closer one
    allowed = max(min(dist.values()), TIE)
    best = next(name for name, _ in CLASSES if dist[name] <= allowed)
    return best, observed


def verdict(timings: dict[int, float], target: str) -> tuple[str, bool]:
    """(class to report, too slow?). Too slow = closest class above target and slope clearly above."""
    cls, observed = fit(timings)
    if cls == "?":
        return cls, False
    sizes = sorted(timings)
    too_slow = RANK[cls] > RANK[target] and observed >= class_slope(target, sizes) + MARGIN
    return cls, too_slow


def measure(entry: Any, make: Callable, call: Callable, sizes: list[int], repeats: int = 5,
            budget: float = 2.5, seed: int = 0, target: str | None = None, prepare: Callable | None = None) -> str:
    """Sandbox side: time `call(entry, prepare(inp))` at each size; return the fitted class.

    `make(n, rng)` builds the input for size n (once per size, not timed); `prepare(inp)`
    makes the fresh copy each timed call gets (not timed; default: the input itself).
    The returned string is the reported class: the closest one, except that a class above
    `target` is only reported when the slope is clearly above it (else `target` is reported),
    so the output alone carries the verdict and equal verdicts compare equal.
    """
    import gc
    import io
    import random
    import sys

    rng = random.Random(seed)
    # the solution's own prints during the timed calls go to a buffer of their own: the table
    # below must never be pushed out of the case's (capped) output by them
    own = io.StringIO()
    shown_out, shown_err = sys.stdout, sys.stderr
    inputs = {n: make(n, rng) for n in sizes}
    prepare = prepare or (lambda x: x)
    best: dict[int, float] = {}
    started = time.perf_counter()
    active = list(sizes)
    gc_was = gc.isenabled()
    try:
        for round_ in range(repeats):
            for k, n in enumerate(active):
                spent = time.perf_counter() - started
                if n not in best:
                    # a new size: predict its cost from the last two and stop if it would overrun
                    done = sorted(best)
                    if len(done) >= 2:
                        a, b = done[-2], done[-1]
                        growth = max(best[b] / max(best[a], 1e-9), 1.0) * (n / b) / (b / a)
                        if spent + best[b] * growth > budget:
                            active = active[:k]
                            break
                elif spent + best[n] > budget or best[n] > budget / 8:
                    continue  # repeats only while cheap: slow timings are less noisy anyway
                inp = prepare(inputs[n])
                gc.collect()
                gc.disable()
                sys.stdout = sys.stderr = own
                try:
                    t0 = time.process_time()
                    call(entry, inp)
                    t = time.process_time() - t0
                finally:
                    sys.stdout, sys.stderr = shown_out, shown_err
                if own.tell() > 4000:  # keep only the start of what it printed
                    own.seek(4000)
                    own.truncate()
                if gc_was:
                    gc.enable()
                best[n] = min(best.get(n, math.inf), t)
            if time.perf_counter() - started > budget:
                break
    finally:
        if gc_was:
            gc.enable()
    cls, too_slow = verdict(best, target) if target else (fit(best)[0], False)
    reported = target if (target and cls in RANK and RANK[cls] > RANK[target] and not too_slow) else cls
    print("size  best CPU seconds")
    for n in sorted(best):
        print(f"{n:>6}  {best[n]:.5f}")
    print(f"fit: slope {fit(best)[1]:.2f}, closest {PRETTY.get(cls, cls)}; reported {PRETTY.get(reported, reported)}")
    printed = own.getvalue()
    if printed:
        print(f"your code printed during the timed calls (first {min(len(printed), 300)} characters):")
        print(printed[:300])
    return reported


def check_growth(case: Any, got: Any, ctx: Any) -> str | None:
    """Judge side (check hook): fail when the measured class is clearly above the target."""
    target = case.data["target"]
    if not isinstance(got, str):
        return f"the timing run returned {type(got).__name__}, not a complexity class"
    if got not in RANK:
        return f"could not measure the running time ({got})"
    if RANK[got] > RANK[target]:
        return (f"looks {PRETTY[got]}; target {PRETTY[target]} "
                f"(CPU time measured at sizes growing x2; the timings are in this case's output)")
    return None
