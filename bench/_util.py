"""Helpers for the benchmarks: medians of repeated runs, measured side by side in one run."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def mlkata_exe() -> str:
    exe = VENV_BIN / "mlkata"
    return str(exe) if exe.exists() else "mlkata"


def temp_env(**extra: str) -> dict[str, str]:
    """Fresh MLKATA_HOME and WORKSPACE; the cache is shared so oracle cases are built once."""
    env = dict(os.environ)
    env.setdefault("MLKATA_CACHE", tempfile.mkdtemp(prefix="mlkata-bench-cache-"))
    env["MLKATA_HOME"] = tempfile.mkdtemp(prefix="mlkata-bench-home-")
    env["MLKATA_WORKSPACE"] = tempfile.mkdtemp(prefix="mlkata-bench-ws-")
    env.update(extra)
    return env


def time_cmd(args: list[str], env: dict[str, str] | None = None, ok_codes: tuple[int, ...] = (0,)) -> float:
    t0 = time.perf_counter()
    out = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    dt = time.perf_counter() - t0
    if out.returncode not in ok_codes:
        raise RuntimeError(f"{args} exited {out.returncode}:\n{out.stdout.decode(errors='replace')[-2000:]}")
    return dt


def interleaved(named: dict[str, callable], repeat: int) -> dict[str, list[float]]:
    """Run each measurement `repeat` times, round-robin, so machine load hits them alike."""
    times: dict[str, list[float]] = {k: [] for k in named}
    for _ in range(repeat):
        for k, fn in named.items():
            times[k].append(fn())
    return times


def report(title: str, times: dict[str, list[float]], baseline: str | None = None) -> None:
    print(f"\n{title}")
    print(f"  machine: {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · load {os.getloadavg()[0]:.1f} · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    width = max(len(k) for k in times)
    base = statistics.median(times[baseline]) if baseline else None
    for k, ts in times.items():
        med = statistics.median(ts)
        ratio = f"  {med / base:6.2f}× {baseline}" if base else ""
        print(f"  {k:<{width}}  median {med * 1000:8.1f} ms  (min {min(ts) * 1000:.1f}, n={len(ts)}){ratio}")
