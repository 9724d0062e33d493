import numpy as np


def adamw_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, step: int,
               lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8,
               weight_decay: float = 1e-2) -> tuple:
    """One AdamW update (as torch.optim.AdamW). `step` counts from 1.

    Returns (new_param, new_m, new_v), each with the shape and dtype of `param`;
    m and v are the raw moving averages (before bias correction).
    """
    # TODO: decoupled weight decay, moment updates, bias correction, parameter update
    raise NotImplementedError
