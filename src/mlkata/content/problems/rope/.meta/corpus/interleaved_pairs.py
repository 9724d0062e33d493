# expect: interleaved-pairs
# rotates neighbouring coordinates (x0, x1), (x2, x3)... (GPT-J / RoFormer interleaved layout) instead of half-split
import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    inv = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)          # (d/2,)
    ang = positions.to(torch.float64)[:, None] * inv[None, :]              # (T, d/2)
    cos, sin = torch.cos(ang), torch.sin(ang)

    def rot(x):
        c, s = cos.to(x.dtype), sin.to(x.dtype)
        even, odd = x[..., 0::2], x[..., 1::2]
        out = torch.empty_like(x)
        out[..., 0::2] = even * c - odd * s
        out[..., 1::2] = odd * c + even * s
        return out

    return rot(q), rot(k)
