"""Warm judge versus cold runs, side by side in one run (issue 6).

For a NumPy problem (softmax) and a torch problem (a throw-away probe in a temporary copy of
the bank, see probe_bank.py), times
  * a warm check: `judge()` in a process whose warm worker is up (what `mlkata watch` and
    `mlkata dev check` do per run), the reference solution, every case, graded;
  * a cold `pytest` run of the same cases on the same solution (no sandbox at all);
  * a cold `mlkata check ID --file reference` (fresh interpreter, cold sandbox child).
A trivial pure-Python probe gives the floor (the warm judge's own overhead).
Targets: warm NumPy <= 100 ms, warm torch <= 150 ms median, >= 6x faster than cold pytest.

Usage: python bench/warm_judge.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _pytest_equiv
import probe_bank
from _util import interleaved, mlkata_exe, report, temp_env, time_cmd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mlkata-bench-warm-"))
    root = probe_bank.make_bank(tmp / "content")
    env = temp_env(MLKATA_BANK=str(root))
    os.environ.update({k: env[k] for k in ("MLKATA_BANK", "MLKATA_CACHE", "MLKATA_HOME", "MLKATA_WORKSPACE")})
    from mlkata.bank import load_bank
    from mlkata.judge import warm
    from mlkata.judge.core import judge

    bank = load_bank()
    pool = warm.enable()
    summary = []
    try:
        for pid in ("probe-python-echo", "softmax", "probe-torch-linear"):
            p = bank.get(pid)
            ref = str(p.solution_path)
            source = p.solution_path.read_text()
            test = _pytest_equiv.write(p, tmp)
            first = judge(p, source, ref)  # starts the worker, builds the case cache
            assert first.status == "pass", first.message

            def warm_check() -> float:
                t0 = time.perf_counter()
                r = judge(p, source, ref)
                dt = time.perf_counter() - t0
                assert r.status == "pass"
                return dt

            times = interleaved({
                "warm check (in process)": warm_check,
                "pytest, same cases (cold)": lambda: time_cmd(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", str(test)], env),
                f"mlkata check (cold)": lambda: time_cmd([mlkata_exe(), "check", pid, "--file", ref], env),
            }, args.repeat)
            report(f"warm judge: {pid} ({p.framework}), reference, {len(first.tests)} cases", times,
                   baseline="warm check (in process)")
            w = statistics.median(times["warm check (in process)"])
            c = statistics.median(times["pytest, same cases (cold)"])
            summary.append((pid, p.framework, w, c))
    finally:
        warm.disable()
    print("\nsummary")
    for pid, fw, w, c in summary:
        if fw == "python":  # the floor: a trivial problem, i.e. the warm judge's own overhead
            print(f"  {pid:<20} warm {w * 1000:7.1f} ms (the judge's own overhead: fork, supervise, grade)")
            continue
        target = 0.100 if fw == "numpy" else 0.150
        print(f"  {pid:<20} warm {w * 1000:7.1f} ms (target {target * 1000:.0f} ms: {'met' if w <= target else 'MISSED'}), "
              f"cold pytest {c * 1000:7.1f} ms, speed-up {c / w:5.1f}× (target 6×: {'met' if c / w >= 6 else 'MISSED'})")


if __name__ == "__main__":
    main()
