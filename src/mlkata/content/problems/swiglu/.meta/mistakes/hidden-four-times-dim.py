import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    """LLaMA-style feed-forward: down(silu(gate(x)) * up(x)), no biases."""

    def __init__(self, dim: int, hidden_dim: int | None = None, multiple_of: int = 1):
        super().__init__()
        if hidden_dim is None:
            # 2/3 of the classic 4·dim, so three matrices cost what two of a 4·dim FFN do
            hidden_dim = 4 * dim                      # the classic FFN width
            hidden_dim = multiple_of * ((hidden_dim + multiple_of - 1) // multiple_of)  # round up
        # nn.Linear's layout: (out_features, in_features)
        self.w_gate = nn.Parameter(torch.randn(hidden_dim, dim) / dim ** 0.5)         # (H, D)
        self.w_up = nn.Parameter(torch.randn(hidden_dim, dim) / dim ** 0.5)           # (H, D)
        self.w_down = nn.Parameter(torch.randn(dim, hidden_dim) / hidden_dim ** 0.5)  # (D, H)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = x @ self.w_gate.T                       # (..., H) gate branch
        u = x @ self.w_up.T                         # (..., H) linear branch
        return (F.silu(g) * u) @ self.w_down.T      # (..., D) silu(g) = g·sigmoid(g)
