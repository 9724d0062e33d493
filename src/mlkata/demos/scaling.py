"""Why attention divides by √d_k: dot-product variance grows with d_k and saturates softmax."""

from __future__ import annotations

NAME = "scaling"
TITLE = "Dot-product variance versus d_k, and softmax saturation"
SECTIONS = ["§1.3", "Q10"]


def run(seed: int = 0):
    import numpy as np

    from mlkata.demos import DemoResult, Plot, Series

    rng = np.random.default_rng(seed)
    dims = [4, 16, 64, 256, 1024]
    n_keys, trials = 64, 400
    var, top_raw, top_scaled, grad_raw, grad_scaled = [], [], [], [], []
    for d in dims:
        q = rng.standard_normal((trials, d))
        k = rng.standard_normal((trials, n_keys, d))
        s = np.einsum("td,tnd->tn", q, k)                     # (trials, n_keys), unscaled scores
        var.append(float(s.var()))
        for scores, tops, grads in ((s, top_raw, grad_raw), (s / np.sqrt(d), top_scaled, grad_scaled)):
            p = np.exp(scores - scores.max(-1, keepdims=True))
            p /= p.sum(-1, keepdims=True)
            tops.append(float(p.max(-1).mean()))
            # size of the softmax Jacobian diag(p) - p pᵀ: near zero when p is one-hot
            grads.append(float(np.mean(np.sum(p * (1 - p), -1))))
    slope = float(np.polyfit(np.log(dims), np.log(var), 1)[0])
    reading = (
        f"With q, k ~ N(0, I), Var(q·k) grows linearly in d_k (fitted log-log slope {slope:.2f}; "
        f"{var[0]:.1f} at d_k={dims[0]}, {var[-1]:.0f} at d_k={dims[-1]}). Without scaling, the largest "
        f"softmax weight over {n_keys} keys averages {top_raw[-1]:.2f} at d_k={dims[-1]} — nearly one-hot — and "
        f"the softmax Jacobian's trace shrinks to {grad_raw[-1]:.3f}, so gradients vanish. Dividing by √d_k keeps "
        f"the variance near 1: the top weight stays about {top_scaled[-1]:.2f} and the trace {grad_scaled[-1]:.2f} at every d_k."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"variance_slope": slope, "top_weight_unscaled_1024": top_raw[-1], "top_weight_scaled_1024": top_scaled[-1],
                 "jacobian_trace_unscaled_1024": grad_raw[-1], "jacobian_trace_scaled_1024": grad_scaled[-1],
                 "variance_4": var[0], "variance_1024": var[-1]},
        plots=[
            Plot("Var(q·k) versus d_k", "d_k", "variance", [Series("unscaled", dims, var)], logx=True, logy=True),
            Plot("mean largest softmax weight", "d_k", "max p", [Series("QKᵀ", dims, top_raw), Series("QKᵀ/√d_k", dims, top_scaled)], logx=True),
        ],
    )
