# expect: momentum-reversed
# momentum used Keras-style: running = momentum * running + (1 - momentum) * batch
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        C = num_features
        self.gamma, self.beta = np.ones(C), np.zeros(C)
        self.running_mean, self.running_var = np.zeros(C), np.ones(C)

    def forward(self, x, training=True):
        N = x.shape[0]
        if not training:
            xhat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
            return self.gamma * xhat + self.beta
        mean = np.sum(x, axis=0) / N
        centered = x - mean
        var = np.sum(centered ** 2, axis=0) / N
        unbiased = var * N / (N - 1)
        m = self.momentum
        self.running_mean = m * self.running_mean + (1 - m) * mean
        self.running_var = m * self.running_var + (1 - m) * unbiased
        return self.gamma * centered / np.sqrt(var + self.eps) + self.beta
