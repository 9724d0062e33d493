# expect: gate-up-swapped
# SiLU applied to the up branch and the gate branch left linear (the two projections' roles swapped)
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden_dim=None, multiple_of=1):
        super().__init__()
        if hidden_dim is None:
            hidden_dim = (8 * dim) // 3
            hidden_dim = multiple_of * ((hidden_dim + multiple_of - 1) // multiple_of)
        self.w_gate = nn.Parameter(torch.randn(hidden_dim, dim) * dim ** -0.5)
        self.w_up = nn.Parameter(torch.randn(hidden_dim, dim) * dim ** -0.5)
        self.w_down = nn.Parameter(torch.randn(dim, hidden_dim) * hidden_dim ** -0.5)

    def forward(self, x):
        gate = F.linear(x, self.w_gate)
        up = F.linear(x, self.w_up)
        return F.linear(gate * F.silu(up), self.w_down)
