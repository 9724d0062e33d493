import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    """softmax(Q Kᵀ / √d_k) V, with a boolean mask where True = masked out."""
    d_k = Q.size(-1)
    # scale the scores by 1/√d_k: keeps their variance O(1), so softmax is not one-hot
    scores = (Q @ K.transpose(-2, -1)) / d_k ** 0.5  # (B, h, Nq, Nk)
    if mask is not None:
        # the dtype's most negative finite value, not -inf (an all-masked row would give NaN)
        # and not -1e9 (overflows float16); exp of it is exactly 0 next to any real score
        scores = scores.masked_fill(mask, torch.finfo(scores.dtype).min)
    # normalise over the keys (last dim): each query's weights sum to 1
    weights = torch.softmax(scores, dim=-1)  # (B, h, Nq, Nk)
    if mask is not None:
        # a query that may see no key gets all-zero weights (a zero output, zero gradients)
        weights = weights.masked_fill(mask, 0.0)
    return weights @ V  # (B, h, Nq, d_v)
