# expect: repeat-not-interleave
# expands K/V heads with repeat (tiling 0,1,0,1) instead of repeat_interleave (0,0,1,1)
import math
import torch


def grouped_query_attention(Q, K, V, mask=None):
    B, h, N, d = Q.shape
    g = K.shape[1]
    K = K.repeat(1, h // g, 1, 1)
    V = V.repeat(1, h // g, 1, 1)
    s = Q @ K.transpose(-2, -1) / math.sqrt(d)
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    p = torch.softmax(s, dim=-1)
    p = torch.where(torch.isnan(p), torch.zeros_like(p), p)
    return p @ V
