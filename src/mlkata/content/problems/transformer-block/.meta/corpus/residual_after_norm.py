# expect: normalised-residual
# pre-LN adds the sublayer output to the normalised x (x = ln(x) + f(ln(x))) instead of to the raw residual stream
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.d_k = d_model // n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        q, k, v = self.W_qkv(x).chunk(3, dim=-1)
        q, k, v = (t.view(B, N, self.h, self.d_k).transpose(1, 2) for t in (q, k, v))
        s = q @ k.transpose(-2, -1) / math.sqrt(self.d_k)
        if mask is not None:
            s = s.masked_fill(mask, float("-inf"))
        o = s.softmax(-1) @ v
        return self.W_o(o.transpose(1, 2).reshape(B, N, D))


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, pre_ln=True):
        super().__init__()
        self.pre_ln = pre_ln
        self.ln1 = nn.LayerNorm(d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ff1 = nn.Linear(d_model, d_ff)
        self.ff2 = nn.Linear(d_ff, d_model)

    def ffn(self, h):
        return self.ff2(F.gelu(self.ff1(h)))

    def forward(self, x, mask=None):
        if self.pre_ln:
            x = self.ln1(x)
            x = x + self.attn(x, mask)
            x = self.ln2(x)
            x = x + self.ffn(x)
            return x
        x = self.ln1(x + self.attn(x, mask))
        return self.ln2(x + self.ffn(x))
