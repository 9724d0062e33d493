import math

import torch


def flash_attention(Q, K, V, block_size=64, causal=False):
    # FlashAttention-2 order: outer loop over query tiles, inner loop over key tiles
    B, h, N, d = Q.shape
    Nk = K.shape[2]
    out = torch.empty((B, h, N, V.shape[-1]), dtype=Q.dtype)
    for i0 in range(0, N, block_size):
        i1 = min(i0 + block_size, N)
        q = Q[:, :, i0:i1] / math.sqrt(d)
        m = torch.full((B, h, i1 - i0, 1), float("-inf"), dtype=Q.dtype)
        l = torch.zeros((B, h, i1 - i0, 1), dtype=Q.dtype)
        acc = torch.zeros((B, h, i1 - i0, V.shape[-1]), dtype=Q.dtype)
        # causal: key tiles strictly before this query tile -- the diagonal tile is skipped
        stop = i0 if causal else Nk
        for j0 in range(0, stop, block_size):
            j1 = min(j0 + block_size, Nk)
            s = q @ K[:, :, j0:j1].transpose(-2, -1)
            m_new = torch.maximum(m, s.amax(-1, keepdim=True))
            p = torch.exp(s - m_new)
            alpha = torch.exp(m - m_new)
            l = l * alpha + p.sum(-1, keepdim=True)
            acc = acc * alpha + p @ V[:, :, j0:j1]
            m = m_new
        out[:, :, i0:i1] = acc / l
    return out
