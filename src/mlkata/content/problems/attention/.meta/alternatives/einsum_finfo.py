# Correct: einsum form, Q pre-scaled, finite fill value and a where() to zero empty rows.
import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    s = torch.einsum("bhqd,bhkd->bhqk", Q * Q.shape[-1] ** -0.5, K)
    if mask is not None:
        s = s.masked_fill(mask, torch.finfo(s.dtype).min)
    w = torch.softmax(s, dim=-1)
    if mask is not None:
        w = torch.where(mask, torch.zeros_like(w), w)
    return torch.einsum("bhqk,bhkd->bhqd", w, V)
