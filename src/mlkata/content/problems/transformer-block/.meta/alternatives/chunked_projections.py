import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        q, k, v = self.W_qkv(x).chunk(3, dim=-1)                       # each (B, N, D)
        split = lambda t: t.reshape(B, N, self.h, D // self.h).permute(0, 2, 1, 3)  # noqa: E731
        q, k, v = split(q), split(k), split(v)
        s = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(D // self.h)
        if mask is not None:
            s = torch.where(mask, torch.tensor(float("-inf"), dtype=s.dtype), s)
        s = s - s.amax(dim=-1, keepdim=True)
        w = s.exp()
        w = w / w.sum(dim=-1, keepdim=True)
        y = torch.einsum("bhij,bhjd->bhid", w, v).permute(0, 2, 1, 3).reshape(B, N, D)
        return self.W_o(y)


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, pre_ln=True):
        super().__init__()
        self.pre_ln = pre_ln
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ff1, self.ff2 = nn.Linear(d_model, d_ff), nn.Linear(d_ff, d_model)
        self.act = nn.GELU()

    def _sublayer(self, x, f, ln):
        return x + f(ln(x)) if self.pre_ln else ln(x + f(x))

    def forward(self, x, mask=None):
        x = self._sublayer(x, lambda h: self.attn(h, mask), self.ln1)
        return self._sublayer(x, lambda h: self.ff2(self.act(self.ff1(h))), self.ln2)
