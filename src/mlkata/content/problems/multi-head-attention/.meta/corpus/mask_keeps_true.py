# expect: none
# treats True in the mask as "may attend" and fills the complement, so the masking is inverted
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

    def _split(self, t):
        B, N, _ = t.shape
        return t.view(B, N, self.n_heads, self.d_k).transpose(1, 2)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        Q, K, V = map(self._split, self.W_qkv(x).chunk(3, dim=-1))
        S = Q @ K.transpose(-1, -2) / math.sqrt(self.d_k)
        if mask is not None:
            S = S.masked_fill(~mask, float("-inf"))
        A = torch.softmax(S, dim=-1)
        A = torch.nan_to_num(A)
        O = (A @ V).transpose(1, 2).contiguous().view(B, N, D)
        return self.W_o(O)
