import torch


def grouped_query_attention(Q, K, V, mask=None):
    h, g = Q.size(1), K.size(1)
    K = K.repeat_interleave(h // g, dim=1)
    V = V.repeat_interleave(h // g, dim=1)
    s = Q @ K.transpose(-2, -1) / Q.size(-1) ** 0.5
    if mask is not None:
        s = s.masked_fill(mask, torch.finfo(s.dtype).min)
    w = torch.softmax(s, dim=-2)  # normalised over the queries (columns), not over the keys
    if mask is not None:
        w = w.masked_fill(mask, 0.0)
    return w @ V
