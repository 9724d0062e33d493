"""RMSNorm versus LayerNorm: the NumPy references and torch's built-ins, side by side.

The sheet claims RMSNorm is 10–15% faster than LayerNorm. This measures it for the bank's
NumPy references (`rms-norm`, `layer-norm`) and for torch's kernels (torch.nn.functional
.rms_norm / layer_norm) on the same float32 activations, and prints the ratios; the
finding is whatever the numbers say on this machine.

Usage: python bench/ref_norms.py [--rows 8192 --dim 4096 --repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _refs import entry, reference


def median_time(fn, repeat: int) -> float:
    fn()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=8192)
    ap.add_argument("--dim", type=int, default=4096)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    import numpy as np
    import torch
    import torch.nn.functional as F

    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.rows, args.dim)).astype(np.float32)
    g = rng.normal(size=args.dim).astype(np.float32)
    b = rng.normal(size=args.dim).astype(np.float32)
    xt, gt, bt = torch.from_numpy(x), torch.from_numpy(g), torch.from_numpy(b)
    print(f"norms over the last axis of ({args.rows}, {args.dim}) float32, median of {args.repeat}")
    pairs = []
    rms_mod, ln_mod = reference("rms-norm"), reference("layer-norm")
    rms = entry(rms_mod, "rms_norm", "rms-norm") if rms_mod else None
    ln = entry(ln_mod, "layer_norm", "layer-norm") if ln_mod else None
    if rms and ln:
        pairs.append(("NumPy references", lambda: rms(x, g), lambda: ln(x, g, b)))
    pairs.append(("torch built-ins", lambda: F.rms_norm(xt, (args.dim,), gt, eps=1e-6),
                  lambda: F.layer_norm(xt, (args.dim,), gt, bt, eps=1e-6)))
    for name, f_rms, f_ln in pairs:
        t_rms, t_ln = median_time(f_rms, args.repeat), median_time(f_ln, args.repeat)
        print(f"  {name:<17} rms_norm {t_rms * 1000:8.2f} ms  layer_norm {t_ln * 1000:8.2f} ms  "
              f"rms/layer = {t_rms / t_ln:.2f} ({(1 - t_rms / t_ln) * 100:+.0f}% time saved by RMSNorm)")


if __name__ == "__main__":
    main()
