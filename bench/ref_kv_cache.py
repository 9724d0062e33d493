"""The `kv-cache` reference: per-token decoding cost with the cache versus recomputation.

With a cache, decoding one token attends one query to T cached keys: cost flat-ish in T
(linear, but tiny). Recomputing attention over the whole prefix for each new token costs
O(T²). Prints the per-token time at several prefix lengths for both.

Usage: python bench/ref_kv_cache.py [--prefixes 128 512 2048 4096]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

from _refs import entry, reference, skip_exit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefixes", type=int, nargs="+", default=[128, 512, 2048, 4096])
    ap.add_argument("--d", type=int, default=64)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--tokens", type=int, default=16)
    args = ap.parse_args()
    ref = reference("kv-cache")
    step = entry(ref, "decode_step", "kv-cache") if ref else None
    if step is None or not hasattr(ref, "KVCache"):
        skip_exit()
    import torch

    torch.manual_seed(0)
    B, h, d = 1, args.heads, args.d
    print(f"decoding {args.tokens} tokens after a prefix, B=1, h={h}, d={d}: per-token median")
    print(f"  {'prefix':>7}  {'cached ms/token':>15}  {'recompute ms/token':>19}  ratio")
    for T in args.prefixes:
        k0, v0 = torch.randn(B, h, T, d), torch.randn(B, h, T, d)
        cache = ref.KVCache()
        step(torch.randn(B, h, T, d), k0, v0, cache)  # prefill
        cached, recomputed = [], []
        K, V = k0, v0
        for _ in range(args.tokens):
            q, k, v = (torch.randn(B, h, 1, d) for _ in range(3))
            t0 = time.perf_counter()
            out_c = step(q, k, v, cache)
            cached.append(time.perf_counter() - t0)
            # recomputation: project nothing, but attend the whole sequence again, causally
            K, V = torch.cat([K, k], 2), torch.cat([V, v], 2)
            Qall = torch.cat([torch.randn(B, h, K.shape[2] - 1, d), q], 2)
            t0 = time.perf_counter()
            s = Qall @ K.transpose(-2, -1) / math.sqrt(d)
            mask = torch.ones(K.shape[2], K.shape[2], dtype=torch.bool).triu(1)
            out_r = torch.softmax(s.masked_fill(mask, float("-inf")), -1) @ V
            recomputed.append(time.perf_counter() - t0)
            assert torch.allclose(out_c, out_r[:, :, -1:], atol=1e-5), "cached and recomputed outputs differ"
        c, r = statistics.median(cached), statistics.median(recomputed)
        print(f"  {T:>7}  {c * 1000:15.3f}  {r * 1000:19.3f}  {r / c:6.1f}×")


if __name__ == "__main__":
    main()
