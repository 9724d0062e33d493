# Correct: -inf fill, but rows with no visible key are left unmasked, then zeroed (no NaN anywhere).
import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ K.transpose(-2, -1) / Q.size(-1) ** 0.5
    if mask is not None:
        mask = mask.expand(scores.shape)
        empty = mask.all(dim=-1, keepdim=True)       # queries that see no key
        scores = scores.masked_fill(mask & ~empty, float("-inf"))
    w = torch.softmax(scores, dim=-1)
    if mask is not None:
        w = w.masked_fill(empty, 0.0)
    return w @ V
