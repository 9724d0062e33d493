"""First check on a fresh install vs the next one (issue 17, point 5).

For each problem: a fresh MLKATA_HOME and cache (nothing built yet, as after `pip install`),
then `mlkata check ID --file F` twice — the first check, then a warm one (the baseline, in
the same run) — for the reference (a pass) and for the first known mistake (a failure that
needs a diagnosis). `--no-shipped` adds, interleaved, the same pairs with the shipped cases
and signatures ignored (MLKATA_NO_SHIPPED=1), as before they existed: what shipping saves.

`--started S` runs `mlkata start ID` S seconds before the first check, as a candidate does
(the problems too heavy to ship their cases build them in the background meanwhile).

Usage: python bench/first_check.py [--repeat N] [--no-shipped] [--started S] [ID ...]
Prints per problem the medians and `first - warm`; the target is first - warm <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

from _util import mlkata_exe, time_cmd


def fresh_env(no_shipped: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["MLKATA_HOME"] = tempfile.mkdtemp(prefix="mlkata-bench-home-")
    env["MLKATA_CACHE"] = os.path.join(env["MLKATA_HOME"], "cache")
    env["MLKATA_WORKSPACE"] = tempfile.mkdtemp(prefix="mlkata-bench-ws-")
    if no_shipped:
        env["MLKATA_NO_SHIPPED"] = "1"
    return env


def first_and_warm(pid: str, path: str, no_shipped: bool, started: float = 0.0) -> tuple[float, float]:
    env = fresh_env(no_shipped)
    try:
        if started:  # as a candidate does: open the problem, spend a while writing, then check
            time_cmd([mlkata_exe(), "start", pid], env)
            time.sleep(started)
        cmd = [mlkata_exe(), "check", pid, "--file", path]
        first = time_cmd(cmd, env, ok_codes=(0, 1))
        warm = time_cmd(cmd, env, ok_codes=(0, 1))
        return first, warm
    finally:
        shutil.rmtree(env["MLKATA_HOME"], ignore_errors=True)
        shutil.rmtree(env["MLKATA_WORKSPACE"], ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-shipped", action="store_true", help="also measure with shipped data ignored, interleaved")
    ap.add_argument("--started", type=float, default=0.0, metavar="SECONDS",
                    help="run `mlkata start ID` that many seconds before the first check")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    from mlkata.bank import load_bank

    bank = load_bank()
    problems = [bank.get(i) for i in args.ids] if args.ids else bank.ordered()
    modes = [False, True] if args.no_shipped else [False]
    print(f"first check vs warm check (the next one, same home), fresh home per pair; {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    head = f"{'problem':30} {'pass first':>10} {'warm':>5} {'+':>6}  {'fail first':>10} {'warm':>5} {'+':>6}"
    if args.no_shipped:
        head += f"   {'unshipped: pass +':>17} {'fail +':>6}"
    print(head)
    worst: dict[bool, list] = {m: [] for m in modes}
    for p in problems:
        subjects = [str(p.solution_path)] + ([str(p.mistakes[0].path)] if p.mistakes else [])
        cells: dict[bool, list] = {m: [] for m in modes}
        for path in subjects:
            pairs: dict[bool, list] = {m: [] for m in modes}
            for _ in range(args.repeat):
                for m in modes:  # interleaved: load hits both modes alike
                    pairs[m].append(first_and_warm(p.id, path, m, args.started))
            for m in modes:
                first = statistics.median(a for a, _ in pairs[m])
                warm = statistics.median(b for _, b in pairs[m])
                cells[m].append((first, warm))
                worst[m].append((first - warm, p.id, "pass" if path == subjects[0] else "fail"))
        line = f"{p.id[:30]:30}"
        for first, warm in cells[False]:
            line += f" {first:10.2f} {warm:5.2f} {first - warm:+6.2f} "
        if args.no_shipped:
            line += "  " + " ".join(f"{first - warm:+17.2f}" if k == 0 else f"{first - warm:+6.2f}"
                                    for k, (first, warm) in enumerate(cells[True]))
        print(line, flush=True)
    for m in modes:
        rows = sorted(worst[m], reverse=True)
        over = [w for w in rows if w[0] > 0.5]
        label = "shipped data ignored" if m else "as installed"
        print(f"{label}: median first - warm {statistics.median(w[0] for w in rows):+.2f} s; largest: "
              + ", ".join(f"{pid} ({kind}) {d:+.2f} s" for d, pid, kind in rows[:4]))
        print(f"{label}: {len(over)} of {len(rows)} first checks more than 0.5 s slower than the warm one")


if __name__ == "__main__":
    main()
