import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, rank=4, alpha=1.0):
        super().__init__()
        base = nn.Linear(in_features, out_features, bias=False)
        base.weight.requires_grad_(False)
        self.weight = base.weight
        self.A = nn.Parameter(torch.randn(rank, in_features) * 0.01)
        self.B = nn.Parameter(torch.zeros(out_features, rank))
        self.scale = alpha / rank

    def forward(self, x):
        return torch.einsum("...i,oi->...o", x, self.weight) + self.scale * torch.einsum(
            "...r,or->...o", torch.einsum("...i,ri->...r", x, self.A), self.B)
