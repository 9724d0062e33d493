"""What the sandbox's kernel layers cost a warm check (issue 12).

Times warm checks of the same reference solution with every layer in force and with
Landlock and seccomp left out (MLKATA_SANDBOX_SIMULATE_MISSING, the switch the fallback tests
use), interleaved so machine load hits both alike. The environment allow-list, the nonce'd
protocol, the guardian and the in-sandbox parse are on in both columns: they have no switch.
Target: the warm check stays within 10% of the 70 ms of docs/benchmarks.md.

Usage: python bench/sandbox_cost.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import probe_bank
from _util import interleaved, report, temp_env


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mlkata-bench-sandbox-"))
    root = probe_bank.make_bank(tmp / "content")
    env = temp_env(MLKATA_BANK=str(root))
    os.environ.update({k: env[k] for k in ("MLKATA_BANK", "MLKATA_CACHE", "MLKATA_HOME", "MLKATA_WORKSPACE")})
    from mlkata.bank import load_bank
    from mlkata.judge import warm
    from mlkata.judge.core import judge

    bank = load_bank()
    warm.enable()
    try:
        for pid in ("probe-python-echo", "softmax", "probe-torch-linear"):
            p = bank.get(pid)
            ref, source = str(p.solution_path), p.solution_path.read_text()
            assert judge(p, source, ref).status == "pass"  # worker up, cases cached

            def check(layers: str) -> float:
                if layers:
                    os.environ["MLKATA_SANDBOX_SIMULATE_MISSING"] = layers
                else:
                    os.environ.pop("MLKATA_SANDBOX_SIMULATE_MISSING", None)
                t0 = time.perf_counter()
                r = judge(p, source, ref)
                dt = time.perf_counter() - t0
                assert r.status == "pass", r.message
                return dt

            times = interleaved({"without landlock+seccomp": lambda: check("landlock,seccomp"),
                                 "every layer": lambda: check("")}, args.repeat)
            report(f"warm check of {pid}, median of {args.repeat}", times, baseline="without landlock+seccomp")
    finally:
        os.environ.pop("MLKATA_SANDBOX_SIMULATE_MISSING", None)
        warm.disable()


if __name__ == "__main__":
    main()
