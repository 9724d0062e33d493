import torch


def scaled_dot_product_attention(Q, K, V, mask=None):
    scale = 1.0 / Q.size(-1) ** 0.5
    scores = torch.matmul(Q, K.transpose(-2, -1)) * scale
    if mask is not None:
        scores = scores.masked_fill(mask, float("-inf"))  # an all -inf row -> NaN
    return torch.matmul(torch.softmax(scores, dim=-1), V)
