"""Boolean attention masks, True = masked out. See the statement for each contract."""

import torch


def causal_mask(n):
    """(n, n): True where key j is in the future of query i."""
    raise NotImplementedError


def padding_mask(lengths, n):
    """lengths (B,) ints -> (B, 1, 1, n): True where key j >= lengths[b]."""
    raise NotImplementedError


def sliding_window_mask(n, window):
    """(n, n): query i sees keys i - window + 1 .. i; everything else True."""
    raise NotImplementedError


def prefix_lm_mask(n, prefix_len):
    """(n, n): keys < prefix_len visible to all queries; causal after that."""
    raise NotImplementedError


def block_diagonal_mask(segment_ids):
    """(N,) -> (N, N), or (B, N) -> (B, 1, N, N): True where the segments differ."""
    raise NotImplementedError
