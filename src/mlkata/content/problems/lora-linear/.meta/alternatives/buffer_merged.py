import torch
import torch.nn as nn
import torch.nn.functional as F


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, rank=4, alpha=1.0):
        super().__init__()
        self.register_buffer("weight", torch.randn(out_features, in_features) * 0.02)  # frozen: a buffer
        self.A = nn.Parameter(torch.empty(rank, in_features))
        nn.init.kaiming_uniform_(self.A, a=5 ** 0.5)
        self.B = nn.Parameter(torch.zeros(out_features, rank))
        self.scale = alpha / rank

    def forward(self, x):
        # merge the update into one weight, then one matmul
        return F.linear(x, self.weight + self.scale * (self.B @ self.A))
