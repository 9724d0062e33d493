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
            self.keys = torch.cat([self.keys, k], dim=-2)
            self.values = torch.cat([self.values, v], dim=-2)

    def __len__(self):
        return 0 if self.keys is None else self.keys.shape[-2]


def decode_step(q, k, v, cache):
    t = q.shape[2]
    if t > 1:
        # a chunk is just t single-token steps in a row
        return torch.cat([decode_step(q[:, :, i:i + 1], k[:, :, i:i + 1], v[:, :, i:i + 1], cache)
                          for i in range(t)], dim=2)
    cache.append(k, v)
    w = torch.softmax(q @ cache.keys.transpose(-1, -2) / math.sqrt(q.shape[-1]), dim=-1)
    return w @ cache.values
