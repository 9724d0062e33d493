import math

import torch


class KVCache:
    """Keeps the appended chunks in lists and concatenates when read."""

    def __init__(self):
        self._k, self._v = [], []

    def append(self, k, v):
        self._k.append(k)
        self._v.append(v)

    @property
    def keys(self):
        return torch.cat(self._k, dim=2) if self._k else None

    @property
    def values(self):
        return torch.cat(self._v, dim=2) if self._v else None

    def __len__(self):
        return sum(k.shape[2] for k in self._k)


def decode_step(q, k, v, cache):
    past = len(cache)
    cache.append(k, v)
    K, V = cache.keys, cache.values
    scores = torch.einsum("bhtd,bhsd->bhts", q, K) / math.sqrt(q.shape[-1])
    # absolute position of new token i is past + i; keys after it are hidden
    allowed = torch.arange(K.shape[2])[None, :] <= (past + torch.arange(q.shape[2]))[:, None]
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return torch.einsum("bhts,bhse->bhte", weights, V)
