# expect: none
# adds the input back (x + ...) inside the feed-forward layer, a residual that belongs to the block, not to SwiGLU
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden_dim=None, multiple_of=1):
        super().__init__()
        if hidden_dim is None:
            hidden_dim = (8 * dim) // 3
            hidden_dim = ((hidden_dim + multiple_of - 1) // multiple_of) * multiple_of
        self.w_gate = nn.Parameter(torch.randn(hidden_dim, dim) * 0.02)
        self.w_up = nn.Parameter(torch.randn(hidden_dim, dim) * 0.02)
        self.w_down = nn.Parameter(torch.randn(dim, hidden_dim) * 0.02)

    def forward(self, x):
        h = F.silu(F.linear(x, self.w_gate)) * F.linear(x, self.w_up)
        return x + F.linear(h, self.w_down)
