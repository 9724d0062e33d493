# expect: mask-without-cache-offset
# causal mask built as tril over (t, T) from the top-left: new token i sees keys 0..i instead of 0..T-t+i
import torch


class KVCache:
    def __init__(self):
        self._ks = []
        self._vs = []

    def append(self, k, v):
        self._ks.append(k)
        self._vs.append(v)

    @property
    def keys(self):
        return torch.cat(self._ks, dim=-2) if self._ks else None

    @property
    def values(self):
        return torch.cat(self._vs, dim=-2) if self._vs else None

    def __len__(self):
        return sum(x.shape[-2] for x in self._ks)


def decode_step(q, k, v, cache):
    cache.append(k, v)
    K, V = cache.keys, cache.values
    t, T = q.shape[-2], K.shape[-2]
    s = torch.einsum("bhqd,bhkd->bhqk", q, K) * q.shape[-1] ** -0.5
    allowed = torch.tril(torch.ones(t, T, dtype=torch.bool, device=q.device))
    s = s.masked_fill(~allowed, float("-inf"))
    return torch.einsum("bhqk,bhkd->bhqd", s.softmax(-1), V)
