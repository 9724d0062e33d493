import torch


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    # Hugging Face's layout; angles in the input's precision
    inv_freq = 1.0 / (base ** (torch.arange(0, d, 2, dtype=q.dtype) / d))
    freqs = positions.to(q.dtype)[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    return (q * cos) + (rotate_half(q) * sin), (k * cos.to(k.dtype)) + (rotate_half(k) * sin.to(k.dtype))
