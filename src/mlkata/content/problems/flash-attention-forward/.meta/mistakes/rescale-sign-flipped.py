import math

import torch

# queries per tile: block_size sets the key tiles; a query tile of at least 256 rows keeps the
# Python loop short (N/256 · N/block_size iterations) while a score tile stays cache-sized
MIN_QUERY_ROWS = 256


def flash_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor,
                    block_size: int = 64, causal: bool = False) -> torch.Tensor:
    """softmax(Q Kᵀ / √d) V tile by tile, never forming the (Nq, Nk) score matrix."""
    B, h, Nq, d = Q.shape
    Nk = K.shape[2]
    d_v = V.shape[-1]
    out = torch.empty((B, h, Nq, d_v), dtype=Q.dtype)                # (B, h, Nq, d_v)
    # outer loop over query tiles: each tile's running statistics stay small (cache-sized)
    rows = max(block_size, MIN_QUERY_ROWS)
    for i0 in range(0, Nq, rows):
        i1 = min(i0 + rows, Nq)
        # fold the 1/√d scale into the queries once instead of into every score tile
        q = Q[:, :, i0:i1] * (1.0 / math.sqrt(d))                     # (B, h, Tq, d)
        m = torch.full((B, h, i1 - i0, 1), float("-inf"), dtype=Q.dtype)  # running row max
        l = torch.zeros((B, h, i1 - i0, 1), dtype=Q.dtype)           # running Σ exp(s - m)
        acc = torch.zeros((B, h, i1 - i0, d_v), dtype=Q.dtype)       # running Σ exp(s - m)·v
        # causal: key tiles starting at or after i1 are entirely in the future: skip them,
        # but keep the diagonal tile (it holds each query's own key)
        stop = i1 if causal else Nk
        for j0 in range(0, stop, block_size):
            j1 = min(j0 + block_size, Nk)
            s = q @ K[:, :, j0:j1].transpose(-2, -1)                  # (B, h, Tq, Tk)
            if causal and j1 > i0 + 1:
                # absolute positions: key j is hidden from query i when j > i
                future = torch.arange(j0, j1).view(1, -1) > torch.arange(i0, i1).view(-1, 1)
                s = s.masked_fill(future, float("-inf"))             # (B, h, Tq, Tk)
            # every row has a finite score in its first visited tile (key 0 <= i), so
            # m_new is finite and exp(-inf - m_new) = 0 never meets -inf - (-inf)
            m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True))   # (B, h, Tq, 1)
            p = torch.exp(s - m_new)                                  # (B, h, Tq, Tk), <= 1
            # l and acc were measured against the old max: move them to the new one
            # (the first tile has nothing to rescale: m = -inf there)
            alpha = torch.where(torch.isinf(m), torch.zeros_like(m), torch.exp(m_new - m))  # sign flipped
            l = l * alpha + p.sum(dim=-1, keepdim=True)
            acc = acc * alpha + p @ V[:, :, j0:j1]                    # (B, h, Tq, d_v)
            m = m_new
        # one division per row turns the running numerator into the weighted average
        out[:, :, i0:i1] = acc / l
    return out
