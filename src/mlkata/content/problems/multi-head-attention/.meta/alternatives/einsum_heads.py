# Correct: einsum on (B, N, h, d_k) tensors, no transposes at all.
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
        qkv = self.W_qkv(x).reshape(B, N, 3, self.h, D // self.h)
        q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]  # (B, N, h, d_k)
        s = torch.einsum("bqhd,bkhd->bhqk", q, k) / (D // self.h) ** 0.5
        if mask is not None:
            s = s.masked_fill(mask, torch.finfo(s.dtype).min)
        w = torch.softmax(s, dim=-1)
        y = torch.einsum("bhqk,bkhd->bqhd", w, v).reshape(B, N, D)
        return self.W_o(y)
