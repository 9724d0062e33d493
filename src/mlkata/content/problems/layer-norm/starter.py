import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """LayerNorm over the last axis of `x` (..., d); gamma, beta (d,). Same shape and dtype as x."""
    # TODO: normalise each row to zero mean and unit (biased) variance, then scale and shift
    raise NotImplementedError
