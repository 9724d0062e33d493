# expect: hidden-not-rounded
# rounds the default hidden size down to a multiple of multiple_of instead of up
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim=None, multiple_of: int = 1):
        super().__init__()
        if hidden_dim is None:
            h = int(2 * (4 * dim) / 3)
            h = (h // multiple_of) * multiple_of
            hidden_dim = max(h, multiple_of)
        self.w_gate = nn.Parameter(torch.empty(hidden_dim, dim))
        self.w_up = nn.Parameter(torch.empty(hidden_dim, dim))
        self.w_down = nn.Parameter(torch.empty(dim, hidden_dim))
        for w in (self.w_gate, self.w_up, self.w_down):
            nn.init.normal_(w, std=0.02)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = x @ self.w_gate.T
        return (g * torch.sigmoid(g) * (x @ self.w_up.T)) @ self.w_down.T
