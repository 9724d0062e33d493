"""How stable are the complexity verdicts? Judge each algorithm problem's reference and its
edge-tier (brute-force) mistakes several times and print the slope and class of every run.

    python bench/complexity_fit.py [ROUNDS] [PROBLEM ...]

Run it on a loaded machine too (e.g. next to `mlkata dev check`): the reference must never
be reported above its target, the brute forces always.
"""

from __future__ import annotations

import re
import sys

from mlkata.bank import load_bank
from mlkata.judge.core import judge


def growth_line(result) -> str:
    t = next(t for t in result.tests if t.name.startswith("growth"))
    fit = re.search(r"fit: slope ([-\d.]+), closest (.*?); reported (.*)", t.output or "")
    return f"{t.status:5} " + (f"slope {fit.group(1):>5}  closest {fit.group(2):10} reported {fit.group(3)}" if fit else (t.message or "")[:80])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    bank = load_bank()
    ids = sys.argv[2:] or [p.id for p in bank.ordered() if p.extra.get("complexity")]
    for pid in ids:
        p = bank.get(pid)
        subjects = [("reference", p.solution_path)] + [(m.id, m.path) for m in p.mistakes if m.tier == "edge"]
        print(f"{pid} (target {p.extra['complexity']})")
        for name, path in subjects:
            for _ in range(rounds):
                res = judge(p, path.read_text(), str(path), strict=True)
                print(f"  {name:28} {growth_line(res)}")


if __name__ == "__main__":
    main()
