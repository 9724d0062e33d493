# expect: scale-without-rank
# scale set to alpha, forgetting the division by the rank
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, rank=4, alpha=1.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features) * 0.02, requires_grad=False)
        self.A = nn.Parameter(torch.randn(rank, in_features) / rank)
        self.B = nn.Parameter(torch.zeros(out_features, rank))
        self.scale = float(alpha)

    def forward(self, x):
        return x @ self.weight.T + self.scale * (x @ self.A.T) @ self.B.T
