"""Known mistake: the padding mask keeps position `length` visible."""

import torch


def _positions(n):
    # queries index rows, keys index columns: every mask is a comparison of the two
    i = torch.arange(n)[:, None]  # (n, 1) query positions
    j = torch.arange(n)[None, :]  # (1, n) key positions
    return i, j


def causal_mask(n):
    i, j = _positions(n)
    # a query may see itself and the past: hide the strictly-future keys
    return j > i  # (n, n)


def padding_mask(lengths, n):
    lengths = torch.as_tensor(lengths)
    j = torch.arange(n, device=lengths.device)
    # keys at or past a sequence's length are padding; the singleton dims let it
    # broadcast over heads and queries, so B == n can never be misread as (query, key)
    return (j[None, :] > lengths[:, None])[:, None, None, :]  # keeps the first padded key


def sliding_window_mask(n, window):
    i, j = _positions(n)
    # causal, and at most `window` keys: itself and the window - 1 before it
    return (j > i) | (j <= i - window)  # (n, n)


def prefix_lm_mask(n, prefix_len):
    i, j = _positions(n)
    # prefix keys are visible to every query; the rest is causal
    return (j > i) & (j >= prefix_len)  # (n, n)


def block_diagonal_mask(segment_ids):
    seg = torch.as_tensor(segment_ids)
    # a query sees exactly the keys of its own segment (packed sequences stay independent)
    m = seg[..., :, None] != seg[..., None, :]  # (..., N, N)
    return m[:, None] if seg.dim() == 2 else m  # (N, N) or (B, 1, N, N)
