# expect: none
# forward rebuilds gamma and beta as ones and zeros on every call, discarding the values the caller assigned
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.C = num_features
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        self.gamma = np.ones(self.C)
        self.beta = np.zeros(self.C)
        if training:
            n = x.shape[0]
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        return self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
