import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Frozen weight (out, in) plus a trainable low-rank update scale · B·A."""

    def __init__(self, in_features: int, out_features: int, rank: int = 4, alpha: float = 1.0):
        super().__init__()
        # the pretrained weight: a parameter that autograd and the optimiser both skip
        self.weight = nn.Parameter(torch.empty(out_features, in_features), requires_grad=False)  # (out, in)
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        # A random: were A zero too, B's gradient would be zero and neither could ever learn
        self.A = nn.Parameter(torch.randn(rank, in_features) / math.sqrt(in_features))  # (r, in)
        # B zero: B·A = 0, so the layer starts as the pretrained one
        self.B = nn.Parameter(torch.zeros(out_features, rank))  # (out, r)
        # alpha / rank keeps the update's size stable when rank changes
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        base = x @ self.weight.T                    # (..., out)   frozen path
        low = x @ self.A.T                          # (..., r)     project down first: cheap
        return base + low @ self.B.T                # (..., out)   self.scale never used
