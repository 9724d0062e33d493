"""log(softmax(x)) underflows where log_softmax stays finite (the sheet says overflow: it is underflow)."""

from __future__ import annotations

NAME = "log-softmax"
TITLE = "log(softmax) versus log_softmax"
SECTIONS = ["Q24", "§1.2"]


def run(seed: int = 0):
    import torch

    from mlkata.demos import DemoResult, Plot, Series

    gaps = [10, 50, 80, 100, 103, 104, 110, 200, 700, 750]
    naive32, stable32, naive64 = [], [], []
    for g in gaps:
        for dtype, naive, stable in ((torch.float32, naive32, stable32), (torch.float64, naive64, None)):
            x = torch.tensor([0.0, -float(g)], dtype=dtype)
            naive.append(float(torch.log(torch.softmax(x, -1))[1]))
            if stable is not None:
                stable.append(float(torch.log_softmax(x, -1)[1]))
    first_inf32 = next(g for g, v in zip(gaps, naive32) if v == float("-inf"))
    first_inf64 = next((g for g, v in zip(gaps, naive64) if v == float("-inf")), None)
    x = torch.tensor([0.0, -200.0], requires_grad=True)
    torch.log(torch.softmax(x, -1))[1].backward()
    naive_grad = x.grad.tolist()
    x.grad = None
    torch.log_softmax(x, -1)[1].backward()
    stable_grad = x.grad.tolist()
    reading = (
        f"For x = [0, −g], log(softmax(x))[1] should be −g. In float32 the softmax underflows to exactly 0 from "
        f"g = {first_inf32} (the first gap tried where it happens), and log(0) = −inf; in float64 at g = {first_inf64}. log_softmax computes x − logsumexp(x) "
        f"and returns −g exactly. At g = 200 the naive gradient is {naive_grad} (NaN), log_softmax's is "
        f"[{stable_grad[0]:.0f}, {stable_grad[1]:.0f}]. The failure is underflow, not overflow."
    )
    finite = lambda v: v if v != float("-inf") else float("nan")  # noqa: E731
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"first_gap_inf_float32": first_inf32, "first_gap_inf_float64": first_inf64 or "none",
                 "naive_grad_nan": str(any(v != v for v in naive_grad)), "stable_grad": str(stable_grad)},
        plots=[Plot("log p of the small entry", "gap g", "log p (NaN = −inf)",
                    [Series("log(softmax) f32", gaps, [finite(v) for v in naive32]),
                     Series("log_softmax f32", gaps, stable32)])],
    )
