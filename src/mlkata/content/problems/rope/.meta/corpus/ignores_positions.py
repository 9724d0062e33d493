# expect: positions-ignored
# uses 0..T-1 as the positions, ignoring the positions argument (wrong for a cache offset or a chunk)
import torch


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def apply_rope(q, k, positions, base=10000.0):
    T, d = q.shape[-2], q.shape[-1]
    inv_freq = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    t = torch.arange(T, dtype=torch.float64)
    freqs = torch.outer(t, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    q_rot = q * cos.to(q.dtype) + rotate_half(q) * sin.to(q.dtype)
    k_rot = k * cos.to(k.dtype) + rotate_half(k) * sin.to(k.dtype)
    return q_rot, k_rot
