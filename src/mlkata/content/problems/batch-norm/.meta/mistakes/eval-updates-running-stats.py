import numpy as np


class BatchNorm1d:
    """BatchNorm over the batch axis of x (N, C), with running statistics for eval mode."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)           # (C,) learned scale
        self.beta = np.zeros(num_features)           # (C,) learned shift
        self.running_mean = np.zeros(num_features)   # (C,) what eval mode normalises with
        self.running_var = np.ones(num_features)     # (C,)

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        N, C = x.shape
        if training:
            # statistics of this batch, per feature (over the batch axis 0)
            mean = x.mean(axis=0)                                  # (C,)
            var = ((x - mean) ** 2).mean(axis=0)                   # (C,) biased: normalises the batch
            # running stats: an exponential moving average with weight `momentum` on the NEW value;
            # PyTorch stores the UNBIASED batch variance there (N / (N - 1) times the biased one)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * N / (N - 1)
        else:
            # eval: the statistics accumulated in training, never the batch's own
            mean, var = self.running_mean, self.running_var        # (C,)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * x.mean(0)   # eval must not update
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * x.var(0, ddof=1)
        x_hat = (x - mean) / np.sqrt(var + self.eps)               # (N, C)
        return self.gamma * x_hat + self.beta                      # (N, C)
