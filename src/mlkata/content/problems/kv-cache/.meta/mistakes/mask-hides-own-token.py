import math

import torch


class KVCache:
    """Keys and values of every token decoded so far, each (B, h, T, d)."""

    def __init__(self):
        self._k = None            # (B, h, capacity, d_k) buffer, filled up to self.length
        self._v = None            # (B, h, capacity, d_v)
        self.length = 0

    def append(self, k: torch.Tensor, v: torch.Tensor) -> None:
        """Add t new tokens: k (B, h, t, d_k), v (B, h, t, d_v)."""
        t = k.shape[2]
        need = self.length + t
        if self._k is None or need > self._k.shape[2]:
            # grow geometrically: appending one token is O(1) amortised, where torch.cat
            # would copy the whole cache at every step
            cap = max(need, 2 * (0 if self._k is None else self._k.shape[2]), 16)
            new_k = k.new_empty(k.shape[0], k.shape[1], cap, k.shape[3])   # (B, h, cap, d_k)
            new_v = v.new_empty(v.shape[0], v.shape[1], cap, v.shape[3])   # (B, h, cap, d_v)
            if self.length:
                new_k[:, :, :self.length] = self._k[:, :, :self.length]
                new_v[:, :, :self.length] = self._v[:, :, :self.length]
            self._k, self._v = new_k, new_v
        # tokens live along dim 2, the sequence axis of (B, h, T, d)
        self._k[:, :, self.length:need] = k
        self._v[:, :, self.length:need] = v
        self.length = need

    @property
    def keys(self):
        return None if self._k is None else self._k[:, :, :self.length]     # (B, h, T, d_k), a view

    @property
    def values(self):
        return None if self._v is None else self._v[:, :, :self.length]     # (B, h, T, d_v), a view

    def __len__(self) -> int:
        return self.length


def decode_step(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, cache: KVCache) -> torch.Tensor:
    """Attend t new tokens (q, k, v: (B, h, t, d)) to everything cached so far plus themselves."""
    # the new tokens' keys and values go in first: each new token must see itself
    cache.append(k, v)
    K, V = cache.keys, cache.values                                  # (B, h, T, d_k), (B, h, T, d_v)
    t, T = q.shape[2], K.shape[2]
    scores = q @ K.transpose(-2, -1) / math.sqrt(q.shape[-1])        # (B, h, t, T)
    # hides key j when j >= position: the token's own key too (the first row is all -inf)
    future = torch.arange(T).view(1, -1) >= torch.arange(T - t, T).view(-1, 1)      # (t, T)
    scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ V                         # (B, h, t, d_v)
