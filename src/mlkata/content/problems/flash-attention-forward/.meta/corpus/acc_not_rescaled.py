# expect: no-rescale-accumulator
# when the running max grows, l is rescaled by exp(m_old - m_new) but the accumulator acc is not
import math
import torch


def flash_attention(Q, K, V, block_size=64, causal=False):
    B, H, Nq, d = Q.shape
    Nk = K.shape[2]
    scale = 1.0 / math.sqrt(d)
    m = torch.full((B, H, Nq, 1), float("-inf"), dtype=Q.dtype)
    l = torch.zeros((B, H, Nq, 1), dtype=Q.dtype)
    acc = torch.zeros((B, H, Nq, V.shape[-1]), dtype=Q.dtype)
    qi = torch.arange(Nq).view(Nq, 1)
    for start in range(0, Nk, block_size):
        kb = K[:, :, start:start + block_size]
        vb = V[:, :, start:start + block_size]
        s = (Q @ kb.transpose(-1, -2)) * scale                       # (B, H, Nq, bs)
        if causal:
            kj = torch.arange(start, start + kb.shape[2]).view(1, -1)
            s = s.masked_fill(kj > qi, float("-inf"))
        m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))
        p = torch.exp(s - m_new)
        p = torch.nan_to_num(p, nan=0.0)
        alpha = torch.exp(m - m_new).nan_to_num(nan=0.0)
        l = l * alpha + p.sum(-1, keepdim=True)
        acc = acc + p @ vb
        m = m_new
    return acc / l
