import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    """Attention softmax(Q Kᵀ / √d_k) V.

    Q: (B, h, Nq, d_k), K: (B, h, Nk, d_k), V: (B, h, Nk, d_v).
    mask: None or a bool tensor broadcastable to (B, h, Nq, Nk); True = masked out.
    Returns (B, h, Nq, d_v), same dtype as Q.
    """
    # TODO: scores, mask, softmax over the keys, weighted sum of the values
    raise NotImplementedError
