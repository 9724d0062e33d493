import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)  # rows: Q, then K, then V
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        """x: (B, N, d_model); mask: None or bool broadcastable to (B, n_heads, N, N), True = masked.
        Returns (B, N, d_model)."""
        # TODO: project, split into heads, attend, merge the heads, project out
        raise NotImplementedError
