# expect: softmax-over-queries
# softmax taken over the query axis (dim=-2) instead of over the keys
import math
import torch


def grouped_query_attention(Q, K, V, mask=None):
    B, H, N, D = Q.shape
    G = K.shape[1]
    Qg = Q.view(B, G, H // G, N, D)                 # query heads grouped under their KV head
    scores = torch.einsum("bgrnd,bgmd->bgrnm", Qg, K) / math.sqrt(D)
    if mask is not None:
        m = mask.expand(B, H, N, N).reshape(B, G, H // G, N, N)
        scores = scores.masked_fill(m, float("-inf"))
    w = torch.softmax(scores, dim=-2)
    w = torch.nan_to_num(w, nan=0.0)
    out = torch.einsum("bgrnm,bgmd->bgrnd", w, V)
    return out.reshape(B, H, N, D)
