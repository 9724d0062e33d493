"""LoRA parameter counts, and averaging A, B versus averaging ΔW = B·A across clients."""

from __future__ import annotations

NAME = "lora"
TITLE = "LoRA parameter counts and federated averaging"
SECTIONS = ["§1.6", "Q4", "Q25"]


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    d_in, d_out = 4096, 4096
    ranks = [1, 2, 4, 8, 16, 32, 64]
    fraction = [r * (d_in + d_out) / (d_in * d_out) for r in ranks]
    # federated averaging over 4 clients with rank-8 adapters of a 256x256 layer
    r, n, clients = 8, 256, 4
    As = [rng.standard_normal((r, n)) / np.sqrt(n) for _ in range(clients)]
    Bs = [rng.standard_normal((n, r)) / np.sqrt(r) for _ in range(clients)]
    mean_dw = sum(B @ A for A, B in zip(As, Bs)) / clients          # exact average of the updates
    avg_ab = (sum(Bs) / clients) @ (sum(As) / clients)              # average B times average A
    rel = float(np.linalg.norm(avg_ab - mean_dw) / np.linalg.norm(mean_dw))
    rank_mean = int(np.linalg.matrix_rank(mean_dw))
    reading = (
        f"A rank-r adapter on a {d_in}×{d_out} layer trains r·(d_in + d_out) parameters: {fraction[3]:.2%} of the "
        f"layer at r = 8, {fraction[-1]:.1%} at r = 64. Averaging {clients} clients' adapters factor by factor "
        f"(mean B · mean A) misses the true mean update by {rel:.0%} in relative Frobenius norm here, because the mean "
        f"of products is not the product of means; the exact mean of the ΔW has rank {rank_mean} (up to {clients}·r), so "
        f"sending ΔW costs d_in·d_out numbers per client instead of r·(d_in + d_out)."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"fraction_r8": fraction[3], "fraction_r64": fraction[-1], "fedavg_relative_error": rel, "rank_of_mean_dw": rank_mean},
        plots=[Plot(f"trainable fraction of a {d_in}×{d_out} layer", "rank r", "fraction", [Series("r(d_in+d_out)/(d_in·d_out)", ranks, fraction)],
                    logx=True, logy=True)],
    )
