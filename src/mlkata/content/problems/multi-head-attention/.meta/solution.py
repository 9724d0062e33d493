import torch
import torch.nn as nn


def attention(q, k, v, mask=None):
    """softmax(q kᵀ / √d_k) v; mask True = masked out; a query that sees nothing gets zeros."""
    scores = (q @ k.transpose(-2, -1)) / q.size(-1) ** 0.5  # (B, h, N, N)
    if mask is not None:
        # finite fill: an all-masked row stays NaN-free (then zeroed below)
        scores = scores.masked_fill(mask, torch.finfo(scores.dtype).min)
    weights = torch.softmax(scores, dim=-1)  # (B, h, N, N), rows sum to 1 over the keys
    if mask is not None:
        weights = weights.masked_fill(mask, 0.0)
    return weights @ v  # (B, h, N, d_k)


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        assert d_model % n_heads == 0, "d_model must split evenly into heads"
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        # one projection for Q, K and V: rows [0, d) make Q, [d, 2d) K, [2d, 3d) V
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        h, d_k = self.n_heads, self.d_k
        q, k, v = self.W_qkv(x).split(D, dim=-1)  # 3 x (B, N, D)
        # split D into (h, d_k), then move heads before positions: each head attends on its own
        q = q.view(B, N, h, d_k).transpose(1, 2)  # (B, h, N, d_k)
        k = k.view(B, N, h, d_k).transpose(1, 2)  # (B, h, N, d_k)
        v = v.view(B, N, h, d_k).transpose(1, 2)  # (B, h, N, d_k)
        y = attention(q, k, v, mask)  # (B, h, N, d_k)
        # back to (B, N, h, d_k) and concatenate the heads; reshape copies when it must
        y = y.transpose(1, 2).reshape(B, N, D)  # (B, N, D)
        # the output projection mixes information across heads
        return self.W_o(y)  # (B, N, D)
