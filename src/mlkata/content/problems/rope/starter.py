import torch


def apply_rope(q: torch.Tensor, k: torch.Tensor, positions: torch.Tensor, base: float = 10000.0):
    """Rotary position embedding, half-split convention (pairs i and i + d/2).

    q: (..., T, d), k: (..., T, d) with d even; positions: (T,) integer positions of the T tokens.
    Returns (q_rot, k_rot) with the shapes and dtypes of q and k.
    """
    # TODO: theta_i = base^(-2i/d); angle = position * theta_i; rotate (x_i, x_{i+d/2}) by the angle
    raise NotImplementedError
