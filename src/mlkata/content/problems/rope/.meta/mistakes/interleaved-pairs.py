import torch


def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    # GPT-J / RoFormer pairing: (x0, x1), (x2, x3), ... as complex numbers
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    rot = torch.polar(torch.ones(len(positions), d // 2, dtype=torch.float64),
                      positions.double()[:, None] * inv_freq[None, :])

    def apply(x):
        z = torch.view_as_complex(x.double().reshape(*x.shape[:-1], d // 2, 2).contiguous())
        return torch.view_as_real(z * rot).reshape(x.shape).to(x.dtype)

    return apply(q), apply(k)
