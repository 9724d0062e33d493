import torch


def grouped_query_attention(Q, K, V, mask=None):
    r = Q.size(1) // K.size(1)
    K = K.repeat_interleave(r, dim=1)
    V = V.repeat_interleave(r, dim=1)
    s = Q @ K.transpose(-2, -1) / Q.size(-1) ** 0.5
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf"))  # True read as "may attend"
    return torch.softmax(s, dim=-1) @ V
