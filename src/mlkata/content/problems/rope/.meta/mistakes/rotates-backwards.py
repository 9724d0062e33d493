import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    a = positions.double()[:, None] * inv_freq[None, :]
    cos, sin = torch.cat([a, a], -1).cos(), torch.cat([a, a], -1).sin()

    def apply(x):
        x1, x2 = x.chunk(2, dim=-1)
        return x * cos.to(x.dtype) + torch.cat([x2, -x1], -1) * sin.to(x.dtype)  # (x2, -x1): rotation by -angle

    return apply(q), apply(k)
