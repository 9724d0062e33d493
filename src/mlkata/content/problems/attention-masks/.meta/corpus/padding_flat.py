# expect: padding-2d
# padding mask returned as a bare (B, n) tensor instead of (B, 1, 1, n)
import torch


def causal_mask(n):
    m = torch.zeros(n, n, dtype=torch.bool)
    for i in range(n):
        for j in range(i + 1, n):
            m[i, j] = True
    return m


def padding_mask(lengths, n):
    return torch.arange(n)[None, :] >= lengths[:, None]


def sliding_window_mask(n, window):
    m = causal_mask(n)
    for i in range(n):
        for j in range(0, max(0, i - window + 1)):
            m[i, j] = True
    return m


def prefix_lm_mask(n, prefix_len):
    m = causal_mask(n)
    m[:, :prefix_len] = False
    return m


def block_diagonal_mask(segment_ids):
    if segment_ids.ndim == 1:
        return segment_ids[:, None] != segment_ids[None, :]
    return (segment_ids[:, None, :, None] != segment_ids[:, None, None, :])
