import torch


def grouped_query_attention(Q, K, V, mask=None):
    r = Q.size(1) // K.size(1)
    K = K.repeat(1, r, 1, 1)  # tiles [0, 1, 0, 1]: head i gets KV head i % g
    V = V.repeat(1, r, 1, 1)
    s = Q @ K.transpose(-2, -1) / Q.size(-1) ** 0.5
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    return torch.softmax(s, dim=-1) @ V
