# Correct: expand (no copy) then reshape, as in Hugging Face's repeat_kv; finite fill value.
import torch


def repeat_kv(x, n_rep):
    B, g, N, d = x.shape
    return x[:, :, None].expand(B, g, n_rep, N, d).reshape(B, g * n_rep, N, d)


def grouped_query_attention(Q, K, V, mask=None):
    n_rep = Q.shape[1] // K.shape[1]
    K, V = repeat_kv(K, n_rep), repeat_kv(V, n_rep)
    s = (Q * Q.shape[-1] ** -0.5) @ K.transpose(-2, -1)
    if mask is not None:
        s = s.masked_fill(mask, torch.finfo(s.dtype).min)
    w = torch.softmax(s, dim=-1)
    if mask is not None:
        w = w.masked_fill(mask, 0.0)
    return w @ V
