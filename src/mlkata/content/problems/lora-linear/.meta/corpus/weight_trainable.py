# expect: weight-trainable
# the pretrained weight is a plain nn.Parameter left trainable (not frozen)
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, rank=4, alpha=1.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features) / in_features ** 0.5)
        self.A = nn.Parameter(torch.randn(rank, in_features) * 0.01)
        self.B = nn.Parameter(torch.zeros(out_features, rank))
        self.scale = alpha / rank

    def forward(self, x):
        base = torch.matmul(x, self.weight.t())
        delta = torch.matmul(torch.matmul(x, self.A.t()), self.B.t())
        return base + delta * self.scale
