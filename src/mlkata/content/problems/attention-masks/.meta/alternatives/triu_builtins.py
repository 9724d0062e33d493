# Correct: torch.triu / torch.tril bands and an outer comparison, masks built as ints then cast.
import torch


def causal_mask(n):
    return torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)


def padding_mask(lengths, n):
    lengths = torch.as_tensor(lengths)
    keep = torch.arange(n).expand(len(lengths), n) < lengths.unsqueeze(1)
    return (~keep).view(len(lengths), 1, 1, n)


def sliding_window_mask(n, window):
    full = torch.ones(n, n, dtype=torch.bool)
    visible = torch.tril(full) & torch.triu(full, diagonal=-(window - 1))
    return ~visible


def prefix_lm_mask(n, prefix_len):
    m = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    m[:, :prefix_len] = False
    return m


def block_diagonal_mask(segment_ids):
    seg = torch.as_tensor(segment_ids)
    if seg.dim() == 1:
        return seg.unsqueeze(1) != seg.unsqueeze(0)
    return (seg.unsqueeze(2) != seg.unsqueeze(1)).unsqueeze(1)
