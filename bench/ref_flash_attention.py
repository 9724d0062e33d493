"""The `flash-attention-forward` reference versus naive attention on long sequences.

Naive: softmax(Q Kᵀ/√d) V with the full (N, N) score matrix. Prints time, peak memory
(torch's CPU allocations are not seen by tracemalloc, so peak RSS growth is sampled in a
fresh subprocess per point) and the largest difference. Expected: the reference's peak
grows linearly in N, the naive one quadratically; outputs equal to float32 rounding.

Usage: python bench/ref_flash_attention.py [--sizes 1024 2048 4096 8192]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from _refs import entry, reference, skip_exit

POINT = r"""
import json, math, resource, sys, time, importlib.util
import torch
torch.manual_seed(0)
path, kind, N, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
spec = importlib.util.spec_from_file_location("ref", path); ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
Q, K, V = (torch.randn(1, 1, N, d) for _ in range(3))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
if kind == "naive":
    out = torch.softmax(Q @ K.transpose(-2, -1) / math.sqrt(d), dim=-1) @ V
else:
    out = ref.flash_attention(Q, K, V)
dt = time.perf_counter() - t0
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
check = torch.softmax(Q.double() @ K.double().transpose(-2, -1) / math.sqrt(d), dim=-1) @ V.double() if N <= 4096 else None
err = float((out.double() - check).abs().max()) if check is not None else float("nan")
print(json.dumps({"seconds": dt, "peak_mib": peak, "err": err}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048, 4096, 8192])
    ap.add_argument("--d", type=int, default=64)
    args = ap.parse_args()
    ref = reference("flash-attention-forward")
    if ref is None or entry(ref, "flash_attention", "flash-attention-forward") is None:
        skip_exit()
    print(f"attention forward, B=h=1, d={args.d}: reference (tiled) vs naive (full score matrix)")
    print(f"  {'N':>6}  {'ref ms':>9} {'ref MiB':>8}  {'naive ms':>9} {'naive MiB':>9}  {'max |diff| vs f64':>18}")
    for n in args.sizes:
        res = {}
        for kind in ("flash", "naive"):
            out = subprocess.run([sys.executable, "-c", POINT, str(ref.__file__), kind, str(n), str(args.d)],
                                 capture_output=True, text=True)
            res[kind] = json.loads(out.stdout) if out.returncode == 0 else {"seconds": float("nan"),
                                                                             "peak_mib": float("nan"), "err": float("nan")}
        print(f"  {n:>6}  {res['flash']['seconds'] * 1000:9.1f} {res['flash']['peak_mib']:8.1f}  "
              f"{res['naive']['seconds'] * 1000:9.1f} {res['naive']['peak_mib']:9.1f}  "
              f"{res['flash']['err']:9.1e} / {res['naive']['err']:7.1e}")


if __name__ == "__main__":
    main()
