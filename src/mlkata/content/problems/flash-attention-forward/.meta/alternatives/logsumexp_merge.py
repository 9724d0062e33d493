import math

import torch


def flash_attention(Q, K, V, block_size=64, causal=False):
    """Each tile gives a normalised partial output and its log-sum-exp; merge pairs exactly."""
    B, h, N, d = Q.shape
    Nk = K.shape[2]
    q_pos = torch.arange(N).view(-1, 1)
    out, lse = None, None
    for j0 in range(0, Nk, block_size):
        j1 = min(j0 + block_size, Nk)
        s = Q @ K[:, :, j0:j1].transpose(-2, -1) / math.sqrt(d)
        if causal:
            s = s.masked_fill(torch.arange(j0, j1).view(1, -1) > q_pos, float("-inf"))
        tile_lse = torch.logsumexp(s, dim=-1, keepdim=True)          # -inf for fully masked rows
        w = torch.exp(s - torch.where(torch.isinf(tile_lse), torch.zeros_like(tile_lse), tile_lse))
        tile_out = w @ V[:, :, j0:j1]
        if out is None:
            out, lse = tile_out, tile_lse
            continue
        new_lse = torch.logaddexp(lse, tile_lse)
        safe = torch.where(torch.isinf(new_lse), torch.zeros_like(new_lse), new_lse)
        out = out * torch.exp(lse - safe) + tile_out * torch.exp(tile_lse - safe)
        lse = new_lse
    return out
