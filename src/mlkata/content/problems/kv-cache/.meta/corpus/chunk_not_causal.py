# expect: prefill-no-causal-mask
# no mask at all: within a chunk of several new tokens, each token also sees the later ones
import math
import torch


class KVCache:
    def __init__(self):
        self.k = None
        self.v = None

    def append(self, k, v):
        if self.k is None:
            self.k, self.v = k, v
        else:
            self.k = torch.cat([self.k, k], dim=2)
            self.v = torch.cat([self.v, v], dim=2)

    @property
    def keys(self):
        return self.k

    @property
    def values(self):
        return self.v

    def __len__(self):
        return 0 if self.k is None else self.k.shape[2]


def decode_step(q, k, v, cache):
    cache.append(k, v)
    scores = q @ cache.keys.transpose(-2, -1) / math.sqrt(q.shape[-1])   # (B, h, t, T)
    return torch.softmax(scores, dim=-1) @ cache.values
