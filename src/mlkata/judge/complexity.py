"""Complexity verdicts: how a submission's running time grows with the input size.

Two halves, used by a problem's ``cases.py``:

* :func:`measure` runs **in the sandbox**, from a run hook. It times the candidate's entry at
  a few sizes growing by x2 (``make(n, rng)`` builds an input, ``call(entry, inp)`` runs it),
  taking the minimum of several repeats in *process CPU time* (a descheduled process does not
  accumulate it, so a loaded machine adds little noise), interleaving the sizes in rounds so
  a burst of load hits every size alike, and stopping when a CPU-time budget is spent or the
  next size would overrun it. It then decides (below) and returns the class to report as a
  string (``"n^2"``): equal verdicts compare equal, so the judge's diagnosis can match a
  candidate's outcome with a known brute force's. The raw timings are printed (they show up
  as the case's output).
* :func:`check_growth` runs **in the judge**, as a check hook: it fails when the reported
  class is above the problem's target (``case.data["target"]``), with the message
  "looks O(n²); target O(n log n)".

The decision. Least squares of log(time) against log(n) gives the observed slope; each class
has its own slope over the same sizes (log n and n log n have fractional ones). The *line* is
the target's slope + ``MARGIN`` (0.5, about halfway to a class one factor of n above it):

* a slope at least ``ZONE`` (0.2) above the line is too slow. The class reported is a power of
  n, at least one above the target: the lower power until the slope is ``SLOW_TIE`` (0.25)
  past halfway (O(n) up to 1.75, O(n²) up to 2.75), since a log factor is invisible to the
  fit and a double loop whose largest size ran once is still O(n²);
* a slope at least ``ZONE`` below it is fine: the target is reported (a class below the target,
  or a log factor the fit can hardly see, is not worth a different answer);
* in between, the fit cannot separate the classes at these sizes (a Θ(n²) term with a tiny
  constant next to a Θ(n) one, or a burst of load). If every size ran and the problem lists
  larger sizes (``more``, still within its constraints), those are timed with the largest first
  size and only their fit decides; else the same sizes are measured again (a second budget,
  keeping the minima) and the fit redone. A fit still in between is decided by the safer side:
  not too slow, the target is reported, and the output says the fit was undecided.

So a verdict never rests on a fit within ``ZONE`` of the line, and a fit that lands there is
re-measured, where the leading term dominates when the constraints allow it.

The plan. The budget is CPU time per stage, so which sizes are reached and how often each is
repeated depend on the solution, not on the load; a new size is started only if its predicted
cost (the growth fitted so far) fits in what is left *after* the repeats the cheaper sizes are
still owed, so a large size never leaves the small ones with a single sample.

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
MARGIN = 0.5  # the line: this many slope units above the target's own slope
ZONE = 0.2    # a fit closer than this to the line decides nothing on its own
TIE = 0.2     # slope distance within which the lower of two classes is the closest
SLOW_TIE = 0.25  # too slow: the power of n reported is the lower one until this past halfway
POWERS = ["1", "n", "n^2", "n^3"]  # what a too-slow verdict reports
WALL = 4.0    # a stage also ends after WALL x its CPU budget of wall-clock time
MORE_REPEATS = 3  # repeats at the larger sizes: their timings are long (less noisy) and costly


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


def line(target: str, sizes: list[int]) -> float:
    """The slope a verdict is measured against: the target's own over `sizes`, plus MARGIN."""
    return class_slope(target, sorted(sizes)) + MARGIN


def verdict(timings: dict[int, float], target: str) -> tuple[str, bool | None]:
    """(class to report, too slow?) for {n: seconds} against `target`.

    Too slow (True) when the observed slope is at least ZONE above the line (a power of n above
    the target is reported); not (False) when at least ZONE below it (the target is
    reported); None in between: this fit cannot tell (the target is reported meanwhile).
    """
    cls, observed = fit(timings)
    if cls == "?":
        return cls, False
    sizes = [n for n, t in timings.items() if t is not None]
    if observed - line(target, sizes) >= ZONE:
        # a power of n: the fit cannot see a log factor, and the lower power is kept until the
        # slope is SLOW_TIE past halfway (a double loop with a noisy largest size is still O(n²))
        degree = min(max(math.floor(observed + 0.5 - SLOW_TIE), 0), len(POWERS) - 1)
        above = next(p for p in POWERS if RANK[p] > RANK[target])  # at least one power above
        return max(POWERS[degree], above, key=RANK.get), True
    if observed - line(target, sizes) <= -ZONE:
        return target, False
    return target, None


def measure(entry: Any, make: Callable, call: Callable, sizes: list[int], repeats: int = 5,
            budget: float = 2.5, seed: int = 0, target: str | None = None, prepare: Callable | None = None,
            more: list[int] | tuple[int, ...] = ()) -> str:
    """Sandbox side: time `call(entry, prepare(inp))` at each size; return the class to report.

    `make(n, rng)` builds the input for size n (once per size, not timed, all from one seeded
    `rng` in the order `sizes` then `more`); `prepare(inp)` makes the fresh copy each timed call
    gets (not timed; default: the input itself). `budget` is CPU seconds per stage. `more`: larger
    sizes timed only when the first fit lands within ZONE of the line (see the module's doc).
    Without a `target` the closest class is returned.
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
    gc_was = gc.isenabled()

    def timed(n: int) -> float:
        inp = prepare(inputs[n])
        gc.collect()
        gc.disable()
        sys.stdout = sys.stderr = own
        try:
            t0 = time.process_time()
            call(entry, inp)
            return time.process_time() - t0
        finally:
            sys.stdout, sys.stderr = shown_out, shown_err
            if own.tell() > 4000:  # keep only the start of what it printed
                own.seek(4000)
                own.truncate()
            if gc_was:
                gc.enable()

    def stage(stage_sizes: list[int], rounds: int) -> None:
        # interleaved rounds (every size once, then again): a burst of load hits all sizes alike;
        # the budget is CPU time, so the plan (sizes reached, repeats) does not depend on the load
        cpu0, wall0 = time.process_time(), time.perf_counter()
        cheap = budget / 8  # repeats only while cheap: slow timings are less noisy anyway
        active = list(stage_sizes)
        samples = {n: 0 for n in active}  # this stage's samples per size
        for r in range(rounds):
            for k, n in enumerate(active):
                spent = time.process_time() - cpu0
                if time.perf_counter() - wall0 > WALL * budget:
                    return  # not using its CPU (sleeping, waiting): the wall clock ends the stage
                if n not in best:
                    # a new size: predict its cost from the growth so far; stop if it would overrun the
                    # budget, counting the repeats the cheaper sizes still have to get (a large
                    # size must never leave the small ones with a single, noisy sample)
                    done = sorted(best)
                    if len(done) >= 2:
                        b = done[-1]
                        if samples.get(b, 0) < 2 and best[b] <= cheap:
                            # the prediction rests on b: not on a single sample that a burst inflated
                            best[b] = min(best[b], timed(b))
                            samples[b] = samples.get(b, 0) + 1
                            spent = time.process_time() - cpu0
                        # the growth so far, fitted over every size timed (a burst on one weighs less)
                        cost = best[b] * (n / b) ** max(fit(best)[1], 1.0)
                        reserve = (rounds - 1) * sum(best[m] for m in active[:k] if best[m] <= cheap)
                        if spent + reserve + cost * (rounds if cost <= cheap else 1) > budget:
                            active = active[:k]
                            break
                elif spent + best[n] > budget or best[n] > cheap or samples[n] > r:
                    continue
                best[n] = min(best.get(n, math.inf), timed(n))
                samples[n] = samples.get(n, 0) + 1
            if time.process_time() - cpu0 > budget:
                return

    stage(list(sizes), repeats)
    if not target:
        cls, slope = fit(best)
        _table(best, [f"fit: slope {slope:.2f}, closest {PRETTY.get(cls, cls)}; reported {PRETTY.get(cls, cls)}"])
        _show_prints(own)
        return cls

    notes = []
    decided = dict(best)  # the timings the verdict rests on
    reported, too_slow = verdict(decided, target)
    if too_slow is None and more and len(best) == len(sizes):
        # every size ran and the fit sits near the line: time the larger sizes (with the largest
        # first one), where the leading term shows, and let their fit alone decide
        notes.append(f"slope {fit(best)[1]:.2f} over {min(best)} … {max(best)} is within {ZONE:g} of the line "
                     f"{line(target, list(best)):.2f}: timing larger sizes, where the leading term shows")
        for n in more:
            inputs[n] = make(n, rng)
        top = [max(sizes), *more]
        stage(top, min(repeats, MORE_REPEATS))
        decided = {n: best[n] for n in top if n in best}
        if len(decided) >= 3:
            reported, too_slow = verdict(decided, target)
    elif too_slow is None:
        # no larger size to try: measure the same sizes again (a second budget), keeping the
        # minima, in case a burst of load put the fit there
        notes.append(f"slope {fit(best)[1]:.2f} is within {ZONE:g} of the line {line(target, list(best)):.2f}: "
                     f"measuring again")
        stage([n for n in sizes if n in best], repeats)
        decided = dict(best)
        reported, too_slow = verdict(decided, target)
    if too_slow is None:
        notes.append(f"undecided: the slope stays within {ZONE:g} of the line {line(target, list(decided)):.2f}; "
                     f"the safer side wins (not flagged)")
    cls, slope = fit(decided)
    notes.append(f"fit: slope {slope:.2f}, closest {PRETTY.get(cls, cls)}; reported {PRETTY.get(reported, reported)}")
    _table(best, notes)
    _show_prints(own)
    return reported


def _table(best: dict[int, float], notes: list[str]) -> None:
    print("size  best CPU seconds")
    for n in sorted(best):
        print(f"{n:>6}  {best[n]:.5f}")
    for note in notes:
        print(note)


def _show_prints(own: Any) -> None:
    printed = own.getvalue()
    if printed:
        print(f"your code printed during the timed calls (first {min(len(printed), 300)} characters):")
        print(printed[:300])


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
