# Correct: plain Python loops into a NumPy array, converted to a bool tensor at the end.
import numpy as np
import torch


def _build(n, visible):
    m = np.ones((n, n), dtype=bool)
    for i in range(n):
        for j in range(n):
            if visible(i, j):
                m[i, j] = False
    return torch.from_numpy(m)


def causal_mask(n):
    return _build(n, lambda i, j: j <= i)


def padding_mask(lengths, n):
    lengths = [int(x) for x in lengths]
    m = np.array([[j >= L for j in range(n)] for L in lengths], dtype=bool).reshape(len(lengths), 1, 1, n)
    return torch.from_numpy(m)


def sliding_window_mask(n, window):
    return _build(n, lambda i, j: i - window < j <= i)


def prefix_lm_mask(n, prefix_len):
    return _build(n, lambda i, j: j < prefix_len or j <= i)


def block_diagonal_mask(segment_ids):
    seg = np.asarray(segment_ids)
    m = torch.from_numpy(seg[..., :, None] != seg[..., None, :])
    return m.unsqueeze(1) if seg.ndim == 2 else m
