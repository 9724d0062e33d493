# expect: none
# scales the scores by 1/sqrt(d_model) instead of 1/sqrt(d_k)
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
        b, n, dm = x.shape
        qkv = self.W_qkv(x).view(b, n, 3, self.n_heads, self.d_k).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]              # each (b, h, n, d_k)
        scores = torch.einsum("bhid,bhjd->bhij", q, k) / dm ** 0.5
        if mask is not None:
            scores = scores.masked_fill(mask, -1e9)
        w = torch.softmax(scores, dim=-1)
        ctx = torch.einsum("bhij,bhjd->bhid", w, v)
        ctx = ctx.permute(0, 2, 1, 3).reshape(b, n, dm)
        return self.W_o(ctx)
