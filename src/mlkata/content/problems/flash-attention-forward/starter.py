import math

import torch


def flash_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor,
                    block_size: int = 64, causal: bool = False) -> torch.Tensor:
    """Exact attention softmax(Q Kᵀ / √d) V, computed one block of `block_size` keys at a time.

    Q: (B, h, Nq, d), K: (B, h, Nk, d), V: (B, h, Nk, d_v) -> (B, h, Nq, d_v), dtype of Q.
    causal=True (then Nq == Nk): query i attends to keys 0..i only.
    Never build the full (Nq, Nk) score matrix: keep a running max, a running sum and a
    running output per query row, and rescale them when the max grows.
    """
    # TODO
    raise NotImplementedError
