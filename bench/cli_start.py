"""`mlkata --help` start-up time against `python -c pass` (target: at most 150 ms).

Usage: python bench/cli_start.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys

from _util import interleaved, mlkata_exe, report, temp_env, time_cmd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    env = temp_env()
    times = interleaved({
        "python -c pass": lambda: time_cmd([sys.executable, "-c", "pass"], env),
        "mlkata --help": lambda: time_cmd([mlkata_exe(), "--help"], env),
        "mlkata list": lambda: time_cmd([mlkata_exe(), "list"], env),
        "python -c 'import numpy'": lambda: time_cmd([sys.executable, "-c", "import numpy"], env),
    }, args.repeat)
    report("CLI start-up", times, baseline="python -c pass")


if __name__ == "__main__":
    main()
