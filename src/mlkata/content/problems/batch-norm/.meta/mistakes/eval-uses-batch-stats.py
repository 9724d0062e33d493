import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        N = x.shape[0]
        m = self.momentum
        if training:
            mean = x.mean(axis=0)
            var = x.var(axis=0)
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=0, ddof=1)
        else:
            mean, var = x.mean(axis=0), x.var(axis=0)  # eval normalises with the batch's own stats
        return self.gamma * (x - mean) / np.sqrt(var + self.eps) + self.beta
