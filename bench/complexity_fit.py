"""How stable are the complexity verdicts? Judge each algorithm problem's reference, its
alternatives and its edge-tier (brute-force) mistakes several times and print, per file, the
verdicts seen (growth status, class reported) and the range of the deciding slope.

    python bench/complexity_fit.py [ROUNDS] [--load K] [--each] [PROBLEM ...]

--load K starts K busy-loop processes for the duration (killed at the end; the machine has
2 cores, so K = 2 is a loaded machine); --each prints every run. Runs go through the warm
judge, as `mlkata watch` and the web view judge. The reference and the alternatives must
never be flagged, the brute forces always, and each file must show one verdict.
"""

from __future__ import annotations

import re
import subprocess
import sys

from mlkata.bank import load_bank
from mlkata.judge import warm
from mlkata.judge.core import judge

FIT = re.compile(r"fit: slope ([-\d.]+), closest (.*?); reported (.*)")


def growth_of(result) -> tuple[str, str, float]:
    t = next(t for t in result.tests if t.name.startswith("growth"))
    fit = FIT.search(t.output or "")
    if not fit:
        return t.status, (t.message or "")[:60], float("nan")
    return t.status, fit.group(3), float(fit.group(1))


def main() -> None:
    args = sys.argv[1:]
    load = int(args[args.index("--load") + 1]) if "--load" in args else 0
    if "--load" in args:
        del args[args.index("--load"):args.index("--load") + 2]
    each = "--each" in args
    args = [a for a in args if a != "--each"]
    rounds = int(args.pop(0)) if args and args[0].isdigit() else 3
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(load)]
    try:
        warm.enable()
        bank = load_bank()
        ids = args or [p.id for p in bank.ordered() if p.extra.get("complexity")]
        for pid in ids:
            p = bank.get(pid)
            alternatives = sorted((p.solution_path.parent / "alternatives").glob("*.py"))
            subjects = ([("reference", p.solution_path)] + [(f"alt {a.stem}", a) for a in alternatives]
                        + [(m.id, m.path) for m in p.mistakes if m.tier == "edge"])
            print(f"{pid} (target {p.extra['complexity']}, {rounds} runs, {load} busy processes)", flush=True)
            for name, path in subjects:
                runs = [growth_of(judge(p, path.read_text(), str(path), strict=True)) for _ in range(rounds)]
                if each:
                    for status, cls, slope in runs:
                        print(f"    {name:34} {status:5} slope {slope:5.2f}  reported {cls}")
                seen = sorted({(s, c) for s, c, _ in runs})
                slopes = [s for _, _, s in runs]
                flag = "FLIPS " if len(seen) > 1 else ""
                print(f"  {name:36} {flag}{', '.join(f'{s} {c}' for s, c in seen):24} "
                      f"slope {min(slopes):.2f} … {max(slopes):.2f}", flush=True)
    finally:
        warm.disable()
        for h in hogs:
            h.kill()
            h.wait()


if __name__ == "__main__":
    main()
