# expect: window-off-by-one
# sliding window masks j < i - window, so each query sees window + 1 keys (itself and window before it)
import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).triu(1)


def padding_mask(lengths, n):
    j = torch.arange(n)
    return (j[None, :] >= lengths[:, None])[:, None, None, :]


def sliding_window_mask(n, window):
    i = torch.arange(n)[:, None]
    j = torch.arange(n)[None, :]
    return (j > i) | (j < i - window)


def prefix_lm_mask(n, prefix_len):
    i = torch.arange(n)[:, None]
    j = torch.arange(n)[None, :]
    return (j > i) & (j >= prefix_len)


def block_diagonal_mask(segment_ids):
    s = segment_ids
    if s.dim() == 1:
        return s[:, None] != s[None, :]
    return (s[:, :, None] != s[:, None, :])[:, None]
