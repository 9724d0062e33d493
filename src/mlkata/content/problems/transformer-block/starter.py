import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    """W_qkv = nn.Linear(d_model, 3 * d_model, bias=False) (rows: Q, then K, then V),
    W_o = nn.Linear(d_model, d_model, bias=False). forward(x, mask=None), x (B, N, d_model),
    boolean mask broadcastable to (B, n_heads, N, N), True = masked out."""

    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        # TODO
        raise NotImplementedError

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        # TODO
        raise NotImplementedError


class TransformerBlock(nn.Module):
    """Attributes: ln1, ln2 (nn.LayerNorm(d_model)), attn (MultiHeadAttention),
    ff1 = nn.Linear(d_model, d_ff), ff2 = nn.Linear(d_ff, d_model), exact GELU between them.
    pre_ln=True:  x = x + attn(ln1(x));  x = x + ffn(ln2(x))
    pre_ln=False: x = ln1(x + attn(x));  x = ln2(x + ffn(x))
    """

    def __init__(self, d_model: int, n_heads: int, d_ff: int, pre_ln: bool = True):
        super().__init__()
        # TODO
        raise NotImplementedError

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        # TODO
        raise NotImplementedError
