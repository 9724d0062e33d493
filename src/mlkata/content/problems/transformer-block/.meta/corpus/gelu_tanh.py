# expect: gelu-tanh
# uses the tanh approximation of GELU instead of the exact erf form
import math
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        H = self.n_heads
        qkv = self.W_qkv(x).reshape(B, N, 3, H, D // H).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        att = torch.matmul(q, k.transpose(-1, -2)) * (D // H) ** -0.5
        if mask is not None:
            att = att.masked_fill(mask, torch.finfo(att.dtype).min)
        y = torch.matmul(torch.softmax(att, dim=-1), v)
        return self.W_o(y.permute(0, 2, 1, 3).reshape(B, N, D))


def gelu(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, pre_ln=True):
        super().__init__()
        self.pre_ln = pre_ln
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ff1 = nn.Linear(d_model, d_ff)
        self.ff2 = nn.Linear(d_ff, d_model)

    def forward(self, x, mask=None):
        ffn = lambda h: self.ff2(gelu(self.ff1(h)))
        if self.pre_ln:
            x = x + self.attn(self.ln1(x), mask)
            return x + ffn(self.ln2(x))
        x = self.ln1(x + self.attn(x, mask))
        return self.ln2(x + ffn(x))
