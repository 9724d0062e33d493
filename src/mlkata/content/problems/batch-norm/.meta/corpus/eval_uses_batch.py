# expect: eval-uses-batch-stats
# eval mode still normalises with the current batch's statistics (the running ones are never used)
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features, dtype=np.float64)
        self.beta = np.zeros(num_features, dtype=np.float64)
        self.running_mean = np.zeros(num_features, dtype=np.float64)
        self.running_var = np.ones(num_features, dtype=np.float64)

    def forward(self, x, training=True):
        mean = x.mean(0)
        var = x.var(0)
        if training:
            n = x.shape[0]
            self.running_mean = 0.9 * self.running_mean + 0.1 * mean if self.momentum == 0.1 else \
                (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        return (x - mean) / np.sqrt(var + self.eps) * self.gamma + self.beta
