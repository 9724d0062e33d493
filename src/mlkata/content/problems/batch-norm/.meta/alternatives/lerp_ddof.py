# Correct: np.var with ddof for the two variances, running stats updated in place as a lerp.
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            mu, var = x.mean(0), x.var(0)
            self.running_mean += self.momentum * (mu - self.running_mean)
            self.running_var += self.momentum * (x.var(0, ddof=1) - self.running_var)
        else:
            mu, var = self.running_mean, self.running_var
        return (x - mu) / np.sqrt(var + self.eps) * self.gamma + self.beta
