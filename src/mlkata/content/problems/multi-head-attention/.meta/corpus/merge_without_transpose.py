# expect: concat-without-transpose
# merges the heads with a reshape straight from (B, h, N, d_k) to (B, N, d_model), skipping the transpose back
import math
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        q, k, v = self.W_qkv(x).split(D, dim=-1)
        q = q.view(B, N, self.n_heads, self.d_k).transpose(1, 2)  # (B, h, N, d_k)
        k = k.view(B, N, self.n_heads, self.d_k).transpose(1, 2)
        v = v.view(B, N, self.n_heads, self.d_k).transpose(1, 2)
        att = q @ k.transpose(-2, -1) / math.sqrt(self.d_k)
        if mask is not None:
            att = att.masked_fill(mask, float("-inf"))
        att = att.softmax(dim=-1)
        out = (att @ v).reshape(B, N, D)
        return self.W_o(out)
