"""Cold judge latency (issue 2): `mlkata check softmax` on the reference, versus a plain
`pytest` run of the same cases, versus `python -c "import numpy"`, side by side in one run.

Usage: python bench/judge_latency.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import _pytest_equiv
from _util import interleaved, mlkata_exe, report, temp_env, time_cmd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--problem", default="softmax")
    args = ap.parse_args()
    env = temp_env()
    import os

    os.environ.update(MLKATA_CACHE=env["MLKATA_CACHE"], MLKATA_HOME=env["MLKATA_HOME"])
    from mlkata.bank import load_bank

    p = load_bank().get(args.problem)
    test = _pytest_equiv.write(p, Path(tempfile.mkdtemp(prefix="mlkata-bench-pytest-")))
    ref = str(p.solution_path)
    time_cmd([mlkata_exe(), "check", p.id, "--file", ref], env)  # builds the oracle-case cache once
    times = interleaved({
        'python -c "import numpy"': lambda: time_cmd([sys.executable, "-c", "import numpy"], env),
        f"pytest, same cases": lambda: time_cmd([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
                                                  str(test)], env),
        f"mlkata check {p.id} (cold)": lambda: time_cmd([mlkata_exe(), "check", p.id, "--file", ref], env),
    }, args.repeat)
    report(f"cold judge latency: {p.id} reference", times, baseline='python -c "import numpy"')


if __name__ == "__main__":
    main()
