import math

import torch


class KVCache:
    """Keys and values of every token decoded so far.

    KVCache() starts empty. append(k, v) adds t tokens (k: (B, h, t, d_k), v: (B, h, t, d_v)).
    .keys / .values: (B, h, T, d_k) / (B, h, T, d_v) for the T tokens so far (None while empty).
    len(cache) == T.
    """

    def __init__(self):
        # TODO
        pass

    def append(self, k: torch.Tensor, v: torch.Tensor) -> None:
        # TODO
        raise NotImplementedError

    @property
    def keys(self):
        raise NotImplementedError

    @property
    def values(self):
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


def decode_step(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, cache: KVCache) -> torch.Tensor:
    """Process t new tokens (q, k, v: (B, h, t, d)) given the cache of the earlier ones.

    Returns (B, h, t, d_v): causal attention of each new token over all earlier tokens and
    the new tokens up to itself. Leaves the new k, v in the cache.
    """
    # TODO
    raise NotImplementedError
