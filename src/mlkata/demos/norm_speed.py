"""RMSNorm versus LayerNorm speed, measured (the sheet's "10–15% faster" is not a constant)."""

from __future__ import annotations

NAME = "norm-speed"
TITLE = "RMSNorm versus LayerNorm: measured speed"
SECTIONS = ["Q14", "§1.5", "Q29"]


def _times(fn, rounds: int = 7, repeats: int = 5) -> list[float]:
    """Best-of-`repeats` time of `fn`, measured in `rounds` separate rounds (one number per round).

    The best of a few calls filters out interruptions within a round; the spread across rounds
    shows how much the machine's load moves the result.
    """
    import time

    fn()
    out = []
    for _ in range(rounds):
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t0)
        out.append(best)
    return out


def _verdict(low: float, high: float, what: str, other: str) -> str:
    if low > 1.05:
        return f"{what} is faster than {other}"
    if high < 1 / 1.05:
        return f"{what} is slower than {other}"
    return f"{what} and {other} cannot be told apart here (the middle half of the rounds straddles equal speed)"


def run(seed: int = 0):
    import numpy as np
    import torch
    import torch.nn.functional as F

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2048, 1024)).astype(np.float32)
    g = np.ones(1024, np.float32)
    xt, gt = torch.from_numpy(x), torch.from_numpy(g)

    def np_layer():
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return g * (x - mu) / np.sqrt(var + 1e-6)

    def np_rms():
        return g * x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6)

    impls = {
        "numpy LayerNorm": np_layer,
        "numpy RMSNorm": np_rms,
        "torch F.layer_norm": lambda: F.layer_norm(xt, (1024,), gt, None, 1e-6),
        "torch F.rms_norm": lambda: F.rms_norm(xt, (1024,), gt, 1e-6),
    }
    rounds = 7
    with torch.no_grad():
        # interleave the implementations round by round, so a slow phase of the machine hits all
        t: dict[str, list[float]] = {k: [] for k in impls}
        for _ in range(rounds):
            for k, fn in impls.items():
                t[k] += _times(fn, rounds=1)
    med = {k: float(np.median(v)) for k, v in t.items()}
    np_ratios = [a / b for a, b in zip(t["numpy LayerNorm"], t["numpy RMSNorm"])]
    torch_ratios = [a / b for a, b in zip(t["torch F.layer_norm"], t["torch F.rms_norm"])]
    # the middle half of the rounds (interquartile range): robust to one round hit by the machine's load
    np_lo, np_med, np_hi = (float(v) for v in np.percentile(np_ratios, [25, 50, 75]))
    t_lo, t_med, t_hi = (float(v) for v in np.percentile(torch_ratios, [25, 50, 75]))
    reading = (
        f"On a (2048, 1024) float32 batch, {rounds} interleaved rounds (best of 5 calls each), time ratio "
        f"LayerNorm / RMSNorm (median, and the middle half of the rounds): naive NumPy {np_med:.2f} ({np_lo:.2f}–{np_hi:.2f}): "
        f"{_verdict(np_lo, np_hi, 'RMSNorm', 'LayerNorm')} (it skips the mean and one pass over the data). "
        f"torch's built-ins on this CPU: {t_med:.2f} ({t_lo:.2f}–{t_hi:.2f}): "
        f"{_verdict(t_lo, t_hi, 'rms_norm', 'layer_norm')}; layer_norm is one fused native kernel. The saving "
        f"depends on the implementation and the hardware, so the sheet's flat '10–15%' is not a law. Run it again: "
        f"on a busy machine the spread widens, and only a spread that stays on one side of 1 is a result."
    )
    names = list(t)
    return DemoResult(
        NAME, TITLE, reading,
        numbers={**{k: v * 1e3 for k, v in med.items()},
                 "numpy_layer_over_rms": np_med, "numpy_ratio_q25": np_lo, "numpy_ratio_q75": np_hi,
                 "torch_layer_over_rms": t_med, "torch_ratio_q25": t_lo, "torch_ratio_q75": t_hi, "rounds": rounds},
        plots=[Plot("median time over rounds (ms)", "implementation", "ms",
                    [Series("time", list(range(len(names))), [med[k] * 1e3 for k in names])], kind="bar"),
               Plot("LayerNorm / RMSNorm time ratio, round by round", "round", "ratio",
                    [Series("numpy", list(range(1, rounds + 1)), np_ratios),
                     Series("torch", list(range(1, rounds + 1)), torch_ratios)])],
        table=[[k, f"{med[k] * 1e3:.2f}", f"{min(v) * 1e3:.2f}–{max(v) * 1e3:.2f}"] for k, v in t.items()],
        table_header=["implementation", "median ms", "range over rounds"],
    )
