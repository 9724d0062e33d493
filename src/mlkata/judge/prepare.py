"""``python -m mlkata.judge.prepare BANK_ROOT PROBLEM_ID``: build a problem's cases ahead of
its first check (started detached by :func:`mlkata.judge.core.prepare_in_background`).

Runs mlkata's own trusted generator, never a submission, at a low priority so the
candidate's editor keeps the CPU; the case lock makes a check that starts meanwhile wait for
these cases instead of building them a second time. Any failure is silent: the check then
builds the cases itself and reports what went wrong there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        return 2
    try:
        os.nice(10)
    except OSError:
        pass
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # leave the other core to the candidate
    try:
        from mlkata.bank import load_bank
        from mlkata.judge import core

        core.load_cases(load_bank(Path(argv[0])).get(argv[1]))
    except Exception:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
