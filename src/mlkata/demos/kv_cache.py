"""KV cache: per-token decoding cost flat in the prefix length (in FLOPs of the projections)
versus recomputing K and V of the whole prefix at every step."""

from __future__ import annotations

NAME = "kv-cache"
TITLE = "KV cache: cost per decoding step versus prefix length"
SECTIONS = ["Q22"]


def _median_time(fn, repeats: int = 7) -> float:
    import time

    for _ in range(2):  # warm up: thread pools, allocator
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def run(seed: int = 0):
    import torch

    from mlkata.demos import DemoResult, Plot, Series

    torch.manual_seed(seed)
    d = 512
    Wq, Wk, Wv = (torch.randn(d, d) / d**0.5 for _ in range(3))
    prefixes = [64, 256, 1024, 2048]
    cached, recomputed = [], []
    with torch.no_grad():
        for n in prefixes:
            x = torch.randn(n + 1, d)                          # (n+1, d): prefix plus the new token
            K_buf, V_buf = torch.empty(n + 1, d), torch.empty(n + 1, d)
            K_buf[:n], V_buf[:n] = x[:n] @ Wk, x[:n] @ Wv      # the cache, filled by earlier steps

            def step_cached():
                q = x[n:] @ Wq                                 # (1, d): project only the new token
                K_buf[n:] = x[n:] @ Wk                         # append in place
                V_buf[n:] = x[n:] @ Wv
                w = torch.softmax(q @ K_buf.T / d**0.5, -1)    # (1, n+1): O(n·d)
                return w @ V_buf

            def step_recompute():
                q = x[n:] @ Wq
                Kr, Vr = x @ Wk, x @ Wv                        # (n+1, d): O(n·d²) projections every step
                w = torch.softmax(q @ Kr.T / d**0.5, -1)
                return w @ Vr

            assert torch.allclose(step_cached(), step_recompute(), atol=1e-4)
            cached.append(_median_time(step_cached) * 1e3)
            recomputed.append(_median_time(step_recompute) * 1e3)
    growth_c = cached[-1] / cached[0]
    growth_r = recomputed[-1] / recomputed[0]
    flops_c = [2 * 3 * d * d + 4 * (n + 1) * d for n in prefixes]
    flops_r = [2 * (1 + 2 * (n + 1)) * d * d + 4 * (n + 1) * d for n in prefixes]
    reading = (
        f"Both ways give the same output. With d = {d}, going from a prefix of {prefixes[0]} to {prefixes[-1]} tokens "
        f"multiplies the time of one step by {growth_c:.1f}× with the cache and by {growth_r:.1f}× when K and V of the "
        f"prefix are recomputed (at n = {prefixes[-1]} a cached step takes {cached[-1]:.2f} ms, a recomputing one "
        f"{recomputed[-1]:.1f} ms). Counting FLOPs, a cached step costs O(n·d + d²) ({flops_c[0] / 1e6:.1f} → "
        f"{flops_c[-1] / 1e6:.1f} MFLOP) and a recomputing step O(n·d²) ({flops_r[0] / 1e6:.0f} → {flops_r[-1] / 1e6:.0f} MFLOP): "
        f"the cache removes the d² factor on the prefix. The sheet's O(n²d) is only the attention term: rerunning the "
        f"whole prefix (every query too, as a model without a cache does) costs O(n²·d + n·d²) per step and layer. "
        f"Summed over a generation of n tokens: O(n²·d + n·d²) with the cache."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"cached_ms_first": cached[0], "cached_ms_last": cached[-1], "recompute_ms_first": recomputed[0],
                 "recompute_ms_last": recomputed[-1], "growth_cached": growth_c, "growth_recompute": growth_r,
                 "flop_ratio_last": flops_r[-1] / flops_c[-1]},
        plots=[Plot("time per decoding step", "prefix length n", "ms", [Series("KV cache", prefixes, cached),
                                                                         Series("recompute K, V", prefixes, recomputed)],
                    logx=True, logy=True)],
    )
