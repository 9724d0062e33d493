import numpy as np


class BatchNorm1d:
    """BatchNorm over the batch axis of x (N, C), with running statistics for eval mode."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        self.eps, self.momentum = eps, momentum
        # TODO: gamma, beta, running_mean, running_var, each of shape (num_features,)

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        # TODO: batch statistics (and running-stat updates) in training, running stats in eval
        raise NotImplementedError
