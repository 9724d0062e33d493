# Correct: computes in float64 with a hand-written stable softmax, casts back.
import math

import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    q, k, v = Q.double(), K.double(), V.double()
    s = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    m = s.amax(dim=-1, keepdim=True)
    m = torch.where(torch.isfinite(m), m, torch.zeros_like(m))  # empty rows: no -inf - -inf
    e = torch.exp(s - m)
    denom = e.sum(dim=-1, keepdim=True)
    w = e / torch.where(denom > 0, denom, torch.ones_like(denom))  # empty rows stay 0
    return (w @ v).to(Q.dtype)
