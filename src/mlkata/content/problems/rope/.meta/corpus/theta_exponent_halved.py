# expect: exponent-i-over-d
# frequencies base^(-i/d) instead of base^(-2i/d): the exponent is missing its factor 2
import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    half = d // 2
    i = torch.arange(half, dtype=torch.float64)
    theta = base ** (-i / d)
    angle = positions.double().unsqueeze(-1) * theta       # (T, half)
    cos, sin = angle.cos(), angle.sin()
    outs = []
    for x in (q, k):
        x1, x2 = x[..., :half].double(), x[..., half:].double()
        o = torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)
        outs.append(o.to(x.dtype))
    return tuple(outs)
