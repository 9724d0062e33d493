import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    theta = 1.0 / base ** (torch.arange(d // 2, dtype=torch.float64) * 2 / d)
    rot = torch.polar(torch.ones(positions.numel(), d // 2, dtype=torch.float64), torch.outer(positions.double(), theta))

    def one(x):
        z = torch.complex(x[..., : d // 2].double(), x[..., d // 2:].double()) * rot
        return torch.cat([z.real, z.imag], dim=-1).to(x.dtype)

    return one(q), one(k)
