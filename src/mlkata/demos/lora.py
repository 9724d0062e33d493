"""LoRA parameter counts, and federated averaging of A, B versus averaging ΔW = B·A.

The clients start a round from the same global adapter (B = 0, A random, as LoRA initialises
it) and train it locally on their own target: averaging the factors is exact while A has not
moved and drifts away from the mean update as local training goes on. Freezing A (FFA-LoRA)
keeps it exact; stacking the factors (FLoRA) is exact at rank K·r.
"""

from __future__ import annotations

NAME = "lora"
TITLE = "LoRA parameter counts and federated averaging"
SECTIONS = ["§1.6", "Q4", "Q25"]


def _local_training(A0, B0, T, steps, lr, freeze_a=False):
    """Gradient descent on ½‖B·A − T‖² from the shared start (A0, B0)."""
    A, B = A0.copy(), B0.copy()
    for _ in range(steps):
        G = B @ A - T
        gB, gA = G @ A.T, B.T @ G
        B = B - lr * gB
        if not freeze_a:
            A = A - lr * gA
    return A, B


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    d_in, d_out = 4096, 4096
    ranks = [1, 2, 4, 8, 16, 32, 64]
    fraction = [r * (d_in + d_out) / (d_in * d_out) for r in ranks]

    # one FedAvg round: 4 clients, rank-4 adapters of a 128×128 layer, non-IID targets (a shared
    # low-rank part plus a client-specific one), all starting from the same global (A0, B0 = 0)
    n, r, clients, lr = 128, 4, 4, 0.2
    A0 = rng.standard_normal((r, n)) / np.sqrt(n)
    B0 = np.zeros((n, r))
    shared = rng.standard_normal((n, r)) @ rng.standard_normal((r, n)) / n
    targets = [shared + rng.standard_normal((n, r)) @ rng.standard_normal((r, n)) / n for _ in range(clients)]
    steps_grid = [1, 2, 5, 10, 20, 50, 100]
    errors, ffa_errors = [], []
    for steps in steps_grid:
        for freeze, out in ((False, errors), (True, ffa_errors)):
            trained = [_local_training(A0, B0, T, steps, lr, freeze_a=freeze) for T in targets]
            mean_dw = sum(B @ A for A, B in trained) / clients                    # exact mean of the updates
            factor_avg = (sum(B for _, B in trained) / clients) @ (sum(A for A, _ in trained) / clients)
            out.append(float(np.linalg.norm(factor_avg - mean_dw) / np.linalg.norm(mean_dw)))
    shown = steps_grid.index(20)
    trained = [_local_training(A0, B0, T, 20, lr) for T in targets]
    mean_dw = sum(B @ A for A, B in trained) / clients
    rank_mean = int(np.linalg.matrix_rank(mean_dw, tol=1e-10 * np.linalg.norm(mean_dw)))
    # FLoRA: stack the clients' factors; one product gives the exact sum, at rank up to K·r
    B_stack = np.concatenate([B for _, B in trained], axis=1) / clients
    A_stack = np.concatenate([A for A, _ in trained], axis=0)
    stack_err = float(np.linalg.norm(B_stack @ A_stack - mean_dw) / np.linalg.norm(mean_dw))
    reading = (
        f"A rank-r adapter on a {d_in}×{d_out} layer trains r·(d_in + d_out) parameters: {fraction[3]:.2%} of the "
        f"layer at r = 8, {fraction[-1]:.1%} at r = 64. Federated round: {clients} clients start from the same global "
        f"adapter (B = 0, A random) and train it on their own targets. Averaging the factors (mean B · mean A) is exact "
        f"after 1 local step ({errors[0]:.0e}: with B = 0, A has not moved yet) and misses the true mean update by "
        f"{errors[shown]:.1%} after 20 steps and {errors[-1]:.1%} after {steps_grid[-1]}: the error is the clients' "
        f"drift in A, and grows with local training and client heterogeneity. Freezing A (FFA-LoRA) keeps averaging "
        f"exact ({max(ffa_errors):.0e} at every step count). The exact mean has rank {rank_mean} (up to {clients}·r): "
        f"stacking the factors (FLoRA) reproduces it ({stack_err:.0e}) with {clients}·r·(d_in + d_out) numbers instead "
        f"of d_in·d_out."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"fraction_r8": fraction[3], "fraction_r64": fraction[-1], "fedavg_relative_error": errors[shown],
                 "fedavg_error_1_step": errors[0], "fedavg_error_most_steps": errors[-1],
                 "ffa_lora_max_error": max(ffa_errors), "flora_stacking_error": stack_err,
                 "rank_of_mean_dw": rank_mean, "rank_bound": clients * r},
        plots=[Plot(f"trainable fraction of a {d_in}×{d_out} layer", "rank r", "fraction",
                    [Series("r(d_in+d_out)/(d_in·d_out)", ranks, fraction)], logx=True, logy=True),
               Plot("averaging the factors: error against the exact mean update", "local steps",
                    "relative error (Frobenius)",
                    [Series("mean B · mean A", steps_grid, [max(e, 1e-17) for e in errors]),
                     Series("A frozen (FFA-LoRA)", steps_grid, [max(e, 1e-17) for e in ffa_errors])],
                    logx=True, logy=True)],
    )
