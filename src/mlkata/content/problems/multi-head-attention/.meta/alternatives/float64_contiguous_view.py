# Correct: computes in float64; heads merged with .contiguous().view().
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
        h = self.n_heads
        qkv = (x.double() @ self.W_qkv.weight.double().t()).view(B, N, 3, h, D // h)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)  # each (B, h, N, d_k)
        s = q @ k.transpose(-2, -1) / (D // h) ** 0.5
        if mask is not None:
            s = s.masked_fill(mask, float("-inf"))
        y = (torch.softmax(s, dim=-1) @ v).transpose(1, 2).contiguous().view(B, N, D)
        return (y @ self.W_o.weight.double().t()).to(x.dtype)
