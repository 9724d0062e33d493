# expect: causal-excludes-diagonal
# the causal mask hides key j >= i, so a query does not attend to itself (and row 0 sees nothing)
import torch


def flash_attention(Q, K, V, block_size=64, causal=False):
    scale = Q.shape[-1] ** -0.5
    Nq, Nk = Q.shape[-2], K.shape[-2]
    out_shape = Q.shape[:-1] + (V.shape[-1],)
    row_max = Q.new_full(Q.shape[:-1] + (1,), -float("inf"))
    denom = Q.new_zeros(Q.shape[:-1] + (1,))
    num = Q.new_zeros(out_shape)
    rows = torch.arange(Nq)[:, None]
    for j0 in range(0, Nk, block_size):
        j1 = min(j0 + block_size, Nk)
        scores = torch.matmul(Q, K[..., j0:j1, :].transpose(-2, -1)) * scale
        if causal:
            cols = torch.arange(j0, j1)[None, :]
            scores = scores.masked_fill(cols >= rows, -float("inf"))
        new_max = torch.maximum(row_max, scores.amax(-1, keepdim=True))
        safe = torch.where(torch.isinf(new_max), torch.zeros_like(new_max), new_max)
        corr = torch.exp(row_max - safe)
        w = torch.exp(scores - safe)
        denom = denom * corr + w.sum(-1, keepdim=True)
        num = num * corr + torch.matmul(w, V[..., j0:j1, :])
        row_max = new_max
    return num / denom
