import torch


def grouped_query_attention(Q, K, V, mask=None):
    """Grouped-query attention.

    Q: (B, h, N, d); K, V: (B, g, N, d) with h divisible by g.
    Query head i uses key/value head i // (h // g).
    mask: None or bool broadcastable to (B, h, N, N); True = masked out.
    Returns (B, h, N, d).
    """
    # TODO: give every query head its key/value head, then scaled dot-product attention
    raise NotImplementedError
