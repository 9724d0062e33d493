import torch


def grouped_query_attention(Q, K, V, mask=None):
    """Attention where h query heads share g key/value heads: query head i reads KV head i // (h // g)."""
    B, h, N, d = Q.shape
    g = K.size(1)
    assert h % g == 0, "the number of query heads must be a multiple of the KV heads"
    # view the query heads as g groups of h // g consecutive heads: group j shares KV head j
    q = Q.reshape(B, g, h // g, N, d)  # (B, g, r, N, d), r = h // g
    k = K.unsqueeze(2)  # (B, g, 1, N, d): broadcasts over the r heads of its group, no copy
    v = V.unsqueeze(2)  # (B, g, 1, N, d)
    # scaled scores, 1/√d keeps their variance O(1)
    scores = (q @ k.transpose(-2, -1)) / d ** 0.5  # (B, g, r, N, N)
    scores = scores.reshape(B, h, N, N)  # back to one row per query head, to apply the mask
    if mask is not None:
        # finite fill (no NaN for a query that sees nothing, no float16 overflow)
        scores = scores.masked_fill(mask, torch.finfo(scores.dtype).min)
    weights = torch.softmax(scores, dim=-1)  # (B, h, N, N), normalised over the keys
    if mask is not None:
        weights = weights.masked_fill(mask, 0.0)  # an all-masked query outputs zeros
    out = weights.reshape(B, g, h // g, N, N) @ v  # (B, g, r, N, d)
    return out.reshape(B, h, N, d)  # (B, h, N, d)
