# Correct: materialise the shared KV heads with repeat_interleave, then plain attention.
import math

import torch


def grouped_query_attention(Q, K, V, mask=None):
    rep = Q.shape[1] // K.shape[1]
    K = torch.repeat_interleave(K, rep, dim=1)  # (B, h, N, d)
    V = torch.repeat_interleave(V, rep, dim=1)
    s = torch.matmul(Q, K.transpose(-1, -2)) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    return torch.matmul(torch.softmax(s, dim=-1), V)
