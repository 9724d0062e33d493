import math

import torch


def flash_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor,
                    block_size: int = 64, causal: bool = False) -> torch.Tensor:
    """FlashAttention-1 loop order: every key tile updates the running statistics of all queries."""
    B, h, Nq, d = Q.shape
    Nk = K.shape[2]
    d_v = V.shape[-1]
    # fold the 1/√d scale into Q once instead of into every tile of scores
    q = Q * (1.0 / math.sqrt(d))                                      # (B, h, Nq, d)
    # running statistics of each query row: max score seen, softmax denominator, numerator
    m = torch.full((B, h, Nq, 1), float("-inf"), dtype=Q.dtype)       # (B, h, Nq, 1)
    l = torch.zeros((B, h, Nq, 1), dtype=Q.dtype)                     # (B, h, Nq, 1)
    acc = torch.zeros((B, h, Nq, d_v), dtype=Q.dtype)                 # (B, h, Nq, d_v)
    for j0 in range(0, Nk, block_size):
        j1 = min(j0 + block_size, Nk)
        # causal: queries before j0 see none of these keys, so only rows j0.. take part;
        # every such row sees key j0 at least, so no row of the tile is fully masked
        r0 = j0 if causal else 0
        s = q[:, :, r0:] @ K[:, :, j0:j1].transpose(-2, -1)          # (B, h, Nq-r0, j1-j0)
        if causal:
            q_pos = torch.arange(r0, Nq).view(-1, 1)                  # (Nq-r0, 1) absolute
            k_pos = torch.arange(j0, j1).view(1, -1)                  # (1, j1-j0) absolute
            s = s.masked_fill(k_pos > q_pos, float("-inf"))           # the future is masked out
        m_old = m[:, :, r0:]
        m_new = torch.maximum(m_old, s.amax(dim=-1, keepdim=True))   # (B, h, Nq-r0, 1), finite
        p = torch.exp(s - m_new)                                      # (B, h, Nq-r0, j1-j0), <= 1
        # the old sums were taken relative to m_old: bring them to the new max
        alpha = torch.exp(m_old - m_new)                              # (B, h, Nq-r0, 1), 0 at start
        l[:, :, r0:] = l[:, :, r0:] * alpha + p.sum(dim=-1, keepdim=True)
        acc[:, :, r0:] = acc[:, :, r0:] * alpha + p @ V[:, :, j0:j1]  # (B, h, Nq-r0, d_v)
        m[:, :, r0:] = m_new
    # one division at the end turns the running numerator into the weighted average
    return acc / l                                                    # (B, h, Nq, d_v)
