import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    """LLaMA-style feed-forward: down(silu(gate(x)) * up(x)), no biases."""

    def __init__(self, dim: int, hidden_dim: int | None = None, multiple_of: int = 1):
        super().__init__()
        # TODO: hidden_dim default: (8 * dim) // 3 rounded up to a multiple of multiple_of
        # TODO: nn.Parameter self.w_gate (H, D), self.w_up (H, D), self.w_down (D, H)  (nn.Linear layout)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x (..., D) -> (..., D)
        raise NotImplementedError
