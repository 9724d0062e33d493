# expect: none
# fills masked scores with -inf and softmaxes: a query that sees no key gets NaN instead of zeros
import torch


def grouped_query_attention(Q, K, V, mask=None):
    B, h, N, d = Q.shape
    rep = h // K.shape[1]
    K = torch.repeat_interleave(K, rep, dim=1)   # (B, h, N, d)
    V = torch.repeat_interleave(V, rep, dim=1)
    scores = torch.matmul(Q, K.transpose(2, 3)) * d ** -0.5
    if mask is not None:
        scores = scores.masked_fill(mask, float("-inf"))
    return torch.matmul(torch.softmax(scores, dim=-1), V)
