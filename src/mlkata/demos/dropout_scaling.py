"""Inverted dropout keeps the expected activation; without the 1/(1 − p) the eval-time scale is off."""

from __future__ import annotations

NAME = "dropout-scaling"
TITLE = "Inverted dropout: the average over masks is the input"
SECTIONS = ["Dropout"]


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    p, d, draws = 0.3, 64, 4096
    x = rng.normal(size=d) + 2.0                       # one activation vector, mostly positive
    u = rng.random((draws, d))                         # the randomness, passed in as in the problem
    keep = u >= p
    inverted = x * keep / (1 - p)                      # (draws, d)
    plain = x * keep                                   # no rescaling
    # the next layer sums the activations: compare its input in training (over draws) and at eval
    n = np.unique(np.logspace(0, np.log10(draws), 25).astype(int))
    run_inv = [float(inverted[:k].sum(axis=1).mean() / x.sum()) for k in n]
    run_plain = [float(plain[:k].sum(axis=1).mean() / x.sum()) for k in n]
    ratio_inv, ratio_plain = run_inv[-1], run_plain[-1]
    ps = [0.1, 0.3, 0.5, 0.7, 0.9]
    kept_frac = [float((u >= q).mean()) for q in ps]
    reading = (
        f"With p = {p} (drop probability), each element survives when u ≥ p, a fraction {keep.mean():.3f} of them "
        f"here (1 − p = {1 - p}). Averaged over {draws} masks, the next layer's input in training is "
        f"{ratio_inv:.3f}× its eval value with inverted dropout (survivors divided by 1 − p), and {ratio_plain:.3f}× "
        f"without the division: a network trained that way sees activations 1/(1 − p) = {1 / (1 - p):.2f}× larger "
        f"at eval time than it was trained on. Inverted dropout pays the correction during training, so eval is "
        f"the identity. The kept fraction tracks 1 − p for every p: "
        + ", ".join(f"p = {q}: {k:.3f}" for q, k in zip(ps, kept_frac)) + "."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"train_over_eval_inverted": ratio_inv, "train_over_eval_no_rescale": ratio_plain,
                 "kept_fraction": float(keep.mean()), "p": p},
        plots=[Plot("next layer's input in training / at eval, averaged over masks", "number of masks averaged",
                    "ratio", [Series("inverted: x·keep/(1 − p)", [float(k) for k in n], run_inv),
                              Series("no rescaling: x·keep", [float(k) for k in n], run_plain)], logx=True),
               Plot("fraction of elements kept (rule u ≥ p)", "p", "kept fraction",
                    [Series("measured", ps, kept_frac), Series("1 − p", ps, [1 - q for q in ps])])],
    )
