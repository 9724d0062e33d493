import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax along the last axis of `x`; same shape and dtype as `x`."""
    # TODO: make it numerically stable, then return the probabilities
    raise NotImplementedError
