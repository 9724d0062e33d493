"""Label smoothing: the two conventions (the sheet's ε/(C−1), PyTorch's ε/C), and what smoothing
does to training: a finite logit gap and a loss floor equal to the entropy of the target.

Few classes and a visible ε make the difference between the conventions large (with C = 10 and
ε = 0.1 it is a rounding error); a logit vector trained to convergence shows the effect itself.
"""

from __future__ import annotations

NAME = "label-smoothing"
TITLE = "Label smoothing: conventions, finite logits, loss floor"
SECTIONS = ["Q31", "Q18"]


def _train(C: int, smoothing: float, steps: int, lr: float = 1.0):
    """Gradient descent on one example's logits (true class 0) with PyTorch's label_smoothing;
    returns the logit gap z₀ − z₁ and the loss along the way."""
    import torch
    import torch.nn.functional as F

    z = torch.zeros(1, C, dtype=torch.float64, requires_grad=True)
    y = torch.tensor([0])
    gaps, losses = [], []
    for _ in range(steps):
        loss = F.cross_entropy(z, y, label_smoothing=smoothing)
        (g,) = torch.autograd.grad(loss, z)
        with torch.no_grad():
            z -= lr * g
        gaps.append(float((z[0, 0] - z[0, 1]).detach()))
        losses.append(float(loss.detach()))
    return gaps, losses


def run(seed: int = 0):
    import math

    import torch
    import torch.nn.functional as F

    from mlkata.demos import DemoResult, Plot, Series

    torch.manual_seed(seed)
    C, eps, B = 3, 0.2, 256
    y = torch.randint(0, C, (B,))
    # a confident, mostly right model: where the target's off-class mass matters most
    logits = torch.randn(B, C, dtype=torch.float64) + 5.0 * F.one_hot(y, C).to(torch.float64)
    logp = torch.log_softmax(logits, -1)

    def loss_with(q):
        return float(-(q * logp).sum(-1).mean())

    sheet = torch.full((B, C), eps / (C - 1), dtype=torch.float64).scatter(1, y[:, None], 1 - eps)
    torch_q = torch.full((B, C), eps / C, dtype=torch.float64).scatter(1, y[:, None], 1 - eps + eps / C)
    torch_loss = float(F.cross_entropy(logits, y, label_smoothing=eps))
    eps_equiv = eps * C / (C - 1)
    equiv_loss = float(F.cross_entropy(logits, y, label_smoothing=eps_equiv))

    # training one example to convergence: no smoothing, PyTorch's ε, the sheet's ε (as its PyTorch equivalent)
    steps = 400
    runs = {"no smoothing": _train(C, 0.0, steps), f"PyTorch ε = {eps}": _train(C, eps, steps),
            f"sheet ε = {eps}": _train(C, eps_equiv, steps)}

    def entropy(q):
        return -sum(p * math.log(p) for p in q if p > 0)

    q_torch = [1 - eps + eps / C] + [eps / C] * (C - 1)
    q_sheet = [1 - eps] + [eps / (C - 1)] * (C - 1)
    floor_torch, floor_sheet = entropy(q_torch), entropy(q_sheet)
    gap_torch, gap_sheet = math.log(q_torch[0] / q_torch[1]), math.log(q_sheet[0] / q_sheet[1])
    g_none, l_none = runs["no smoothing"]
    g_t, l_t = runs[f"PyTorch ε = {eps}"]
    g_s, l_s = runs[f"sheet ε = {eps}"]
    reading = (
        f"C = {C} classes, ε = {eps}. Targets: the sheet puts {1 - eps:.3f} on the true class and "
        f"{eps / (C - 1):.3f} on each other one; PyTorch's label_smoothing=ε puts ε/C = {eps / C:.3f} everywhere, so "
        f"{1 - eps + eps / C:.3f} on the true class. On the same confident logits the losses are {loss_with(sheet):.3f} (sheet) and "
        f"{torch_loss:.3f} (PyTorch; our own target gives {loss_with(torch_q):.3f}); PyTorch with ε·C/(C−1) = "
        f"{eps_equiv:.3f} gives the sheet's {equiv_loss:.3f}. Training one example's logits for {steps} steps: without "
        f"smoothing the logit gap keeps growing ({g_none[99]:.1f} after 100 steps, {g_none[-1]:.1f} after {steps}) "
        f"and the loss heads to 0 ({l_none[-1]:.4f}); with smoothing the gap stops at log(q_true/q_other) = "
        f"{gap_torch:.3f} (PyTorch, reached {g_t[-1]:.3f}) or {gap_sheet:.3f} (sheet, {g_s[-1]:.3f}), and the loss "
        f"stops at the entropy of the target, {floor_torch:.3f} or {floor_sheet:.3f} (reached {l_t[-1]:.3f}, "
        f"{l_s[-1]:.3f}), not 0. Always name the convention."
    )
    xs = list(range(1, steps + 1))
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"loss_sheet": loss_with(sheet), "loss_torch": torch_loss, "loss_own_torch_target": loss_with(torch_q),
                 "loss_torch_equivalent_eps": equiv_loss,
                 "gap_no_smoothing_100": g_none[99], "gap_no_smoothing_end": g_none[-1],
                 "gap_torch_end": g_t[-1], "gap_torch_theory": gap_torch,
                 "gap_sheet_end": g_s[-1], "gap_sheet_theory": gap_sheet,
                 "loss_torch_end": l_t[-1], "floor_torch": floor_torch, "loss_sheet_end": l_s[-1], "floor_sheet": floor_sheet,
                 "loss_no_smoothing_end": l_none[-1]},
        plots=[Plot("target distribution, true class 0", "class", "target probability",
                    [Series("sheet ε/(C−1)", list(range(C)), q_sheet),
                     Series("PyTorch ε/C", list(range(C)), q_torch)], kind="bar"),
               Plot("logit gap z_true − z_other while training one example", "step", "gap",
                    [Series(name, xs, gaps) for name, (gaps, _) in runs.items()])],
    )
