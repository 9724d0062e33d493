# Correct: one head at a time with slices, heads concatenated with torch.cat.
import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        d_k = D // self.n_heads
        q, k, v = torch.chunk(self.W_qkv(x), 3, dim=-1)
        if mask is not None:
            mask = mask.expand(B, self.n_heads, N, N)
        heads = []
        for i in range(self.n_heads):
            sl = slice(i * d_k, (i + 1) * d_k)
            s = q[..., sl] @ k[..., sl].transpose(1, 2) / math.sqrt(d_k)  # (B, N, N)
            if mask is not None:
                s = s.masked_fill(mask[:, i], float("-inf"))
            heads.append(torch.softmax(s, dim=-1) @ v[..., sl])
        return self.W_o(torch.cat(heads, dim=-1))
