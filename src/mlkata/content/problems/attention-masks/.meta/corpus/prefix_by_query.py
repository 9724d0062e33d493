# expect: prefix-sees-future
# prefix-LM tests the query index against prefix_len (prefix queries see everything) instead of the key index
import torch


def causal_mask(n):
    r = torch.arange(n)
    return r.unsqueeze(0) > r.unsqueeze(1)


def padding_mask(lengths, n):
    keys = torch.arange(n).view(1, 1, 1, n)
    return keys >= lengths.view(-1, 1, 1, 1)


def sliding_window_mask(n, window):
    r = torch.arange(n)
    diff = r.unsqueeze(1) - r.unsqueeze(0)          # i - j
    return (diff < 0) | (diff >= window)


def prefix_lm_mask(n, prefix_len):
    r = torch.arange(n)
    future = r.unsqueeze(0) > r.unsqueeze(1)
    in_prefix = (r < prefix_len).unsqueeze(1)       # per query
    return future & ~in_prefix


def block_diagonal_mask(segment_ids):
    a = segment_ids.unsqueeze(-1)
    b = segment_ids.unsqueeze(-2)
    m = a != b
    return m.unsqueeze(1) if segment_ids.dim() == 2 else m
