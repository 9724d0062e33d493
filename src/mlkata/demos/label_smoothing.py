"""The two label-smoothing conventions: the sheet's ε/(C−1) and PyTorch's ε/C."""

from __future__ import annotations

NAME = "label-smoothing"
TITLE = "Label-smoothing conventions"
SECTIONS = ["Q31", "Q18"]


def run(seed: int = 0):
    import torch
    import torch.nn.functional as F

    from mlkata.demos import DemoResult, Plot, Series

    torch.manual_seed(seed)
    C, eps = 10, 0.1
    logits = torch.randn(256, C, dtype=torch.float64)
    y = torch.randint(0, C, (256,))
    logp = torch.log_softmax(logits, -1)

    def loss_with(q):
        return float(-(q * logp).sum(-1).mean())

    sheet = torch.full((256, C), eps / (C - 1), dtype=torch.float64).scatter(1, y[:, None], 1 - eps)
    torch_q = torch.full((256, C), eps / C, dtype=torch.float64).scatter(1, y[:, None], 1 - eps + eps / C)
    torch_loss = float(F.cross_entropy(logits, y, label_smoothing=eps))
    eps_equiv = eps * C / (C - 1)
    equiv_loss = float(F.cross_entropy(logits, y, label_smoothing=eps_equiv))
    reading = (
        f"With C = {C} and ε = {eps}: the sheet's target puts {1 - eps:.3f} on the true class and {eps / (C - 1):.4f} "
        f"elsewhere; PyTorch's label_smoothing=ε puts ε/C = {eps / C:.3f} everywhere, so {1 - eps + eps / C:.3f} on the true "
        f"class. Their losses differ ({loss_with(sheet):.4f} versus {torch_loss:.4f}, our own target gives "
        f"{loss_with(torch_q):.4f} — it matches F.cross_entropy). They coincide when PyTorch's ε is the sheet's ε·C/(C−1) = "
        f"{eps_equiv:.4f}: loss {equiv_loss:.4f}. Always name the convention."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"loss_sheet": loss_with(sheet), "loss_torch": torch_loss, "loss_own_torch_target": loss_with(torch_q),
                 "loss_torch_equivalent_eps": equiv_loss},
        plots=[Plot("target distribution for class 0 (true)", "class", "target probability",
                    [Series("sheet ε/(C−1)", list(range(C)), [1 - eps] + [eps / (C - 1)] * (C - 1)),
                     Series("PyTorch ε/C", list(range(C)), [1 - eps + eps / C] + [eps / C] * (C - 1))], kind="bar")],
    )
