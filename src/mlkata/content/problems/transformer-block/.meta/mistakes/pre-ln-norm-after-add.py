# pre-LN that also normalises after each residual add
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        assert d_model % n_heads == 0, "d_model must split evenly into heads"
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)  # rows: Q, then K, then V
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        B, N, D = x.shape
        # one matmul for the three projections, then split heads: (B, N, 3, h, d_k)
        q, k, v = self.W_qkv(x).view(B, N, 3, self.n_heads, self.d_k).unbind(dim=2)
        q, k, v = (t.transpose(1, 2) for t in (q, k, v))              # (B, h, N, d_k)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.d_k)       # (B, h, N, N)
        if mask is not None:
            scores = scores.masked_fill(mask, float("-inf"))         # True = masked out
        y = torch.softmax(scores, dim=-1) @ v                        # (B, h, N, d_k)
        y = y.transpose(1, 2).reshape(B, N, D)                       # heads side by side again
        return self.W_o(y)                                           # (B, N, D)


class TransformerBlock(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int, pre_ln: bool = True):
        super().__init__()
        self.pre_ln = pre_ln
        self.ln1 = nn.LayerNorm(d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ff1 = nn.Linear(d_model, d_ff)
        self.ff2 = nn.Linear(d_ff, d_model)

    def ffn(self, x: torch.Tensor) -> torch.Tensor:
        # position-wise MLP with the exact (erf) GELU
        return self.ff2(F.gelu(self.ff1(x)))                        # (B, N, D)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        if self.pre_ln:
            # pre-LN: normalise only the sublayer's input; the residual stream x itself is
            # never normalised, so gradients reach early layers through the plain sums
            x = self.ln1(x + self.attn(self.ln1(x), mask))
            x = self.ln2(x + self.ffn(self.ln2(x)))
        else:
            # post-LN (the original Transformer): normalise after each residual sum
            x = self.ln1(x + self.attn(x, mask))
            x = self.ln2(x + self.ffn(x))
        return x
