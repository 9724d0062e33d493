# Correct: gate and up computed by one matmul against the stacked weights, then split.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden_dim=None, multiple_of=1):
        super().__init__()
        if hidden_dim is None:
            hidden_dim = -(-(8 * dim // 3) // multiple_of) * multiple_of
        self.w_gate = nn.Parameter(torch.empty(hidden_dim, dim))
        self.w_up = nn.Parameter(torch.empty(hidden_dim, dim))
        self.w_down = nn.Parameter(torch.empty(dim, hidden_dim))
        for w in (self.w_gate, self.w_up, self.w_down):
            nn.init.kaiming_uniform_(w, a=5 ** 0.5)

    def forward(self, x):
        gu = F.linear(x, torch.cat([self.w_gate, self.w_up], dim=0))   # (..., 2H)
        g, u = gu.chunk(2, dim=-1)
        return F.linear(g * torch.sigmoid(g) * u, self.w_down)
