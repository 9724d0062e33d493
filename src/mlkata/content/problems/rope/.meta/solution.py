import torch


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    """(x1, x2) -> (-x2, x1) on the two halves of the last axis."""
    x1, x2 = x.chunk(2, dim=-1)                 # (..., d/2) each
    return torch.cat([-x2, x1], dim=-1)         # (..., d)


def apply_rope(q: torch.Tensor, k: torch.Tensor, positions: torch.Tensor, base: float = 10000.0):
    """Rotary position embedding, half-split (GPT-NeoX / Hugging Face Llama) convention."""
    d = q.shape[-1]
    # one frequency per pair (i, i + d/2): theta_i = base^(-2i/d), i = 0 .. d/2 - 1
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)   # (d/2,)
    angles = positions.to(torch.float64)[:, None] * inv_freq[None, :]     # (T, d/2)
    angles = torch.cat([angles, angles], dim=-1)                         # (T, d): both halves share the angle
    cos, sin = angles.cos(), angles.sin()                                  # (T, d) float64
    # rotate each pair by its angle; broadcast over the leading (batch, head) axes
    q_rot = q * cos.to(q.dtype) + rotate_half(q) * sin.to(q.dtype)        # (..., T, d)
    k_rot = k * cos.to(k.dtype) + rotate_half(k) * sin.to(k.dtype)        # (..., T, d)
    return q_rot, k_rot
