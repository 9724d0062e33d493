# expect: none
# treats position * theta as degrees and converts to radians before cos/sin
import math
import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    h = d // 2
    theta = base ** (-2.0 * torch.arange(h, dtype=torch.float64) / d)
    ang = torch.deg2rad(positions.to(torch.float64)[:, None] * theta)
    c, s = torch.cos(ang), torch.sin(ang)

    def rotate(x):
        a, b = x[..., :h], x[..., h:]
        cc, ss = c.to(x.dtype), s.to(x.dtype)
        return torch.cat((a * cc - b * ss, b * cc + a * ss), dim=-1)

    return rotate(q), rotate(k)
