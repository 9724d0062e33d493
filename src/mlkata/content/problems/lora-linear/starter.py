import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Frozen weight (out, in) plus a trainable low-rank update scale · B·A."""

    def __init__(self, in_features: int, out_features: int, rank: int = 4, alpha: float = 1.0):
        super().__init__()
        # TODO: frozen self.weight (out, in); trainable self.A (rank, in) random, self.B (out, rank) zeros
        # TODO: self.scale = ...
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: base path + scaled low-rank path, for x of shape (..., in)
        raise NotImplementedError
