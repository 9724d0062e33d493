# Correct: grouped einsum without repeating K/V, computed in float64 and cast back.
import torch


def grouped_query_attention(Q, K, V, mask=None):
    B, h, N, d = Q.shape
    g = K.shape[1]
    q = Q.double().reshape(B, g, h // g, N, d)
    s = torch.einsum("bgrqd,bgkd->bgrqk", q, K.double()) / d ** 0.5
    s = s.reshape(B, h, N, N)
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    w = torch.softmax(s, dim=-1).reshape(B, g, h // g, N, N)
    return torch.einsum("bgrqk,bgkd->bgrqd", w, V.double()).reshape(B, h, N, d).to(Q.dtype)
