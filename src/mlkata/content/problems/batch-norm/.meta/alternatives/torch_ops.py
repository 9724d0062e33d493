# Correct: the arithmetic with torch ops (var with correction=0 / 1), state kept as NumPy arrays.
import numpy as np
import torch


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)

    def forward(self, x, training=True):
        t = torch.from_numpy(x)
        if training:
            mu, var = t.mean(0), t.var(0, correction=0)
            m = self.momentum
            self.running_mean = ((1 - m) * torch.from_numpy(self.running_mean) + m * mu).numpy()
            self.running_var = ((1 - m) * torch.from_numpy(self.running_var) + m * t.var(0, correction=1)).numpy()
        else:
            mu, var = torch.from_numpy(self.running_mean), torch.from_numpy(self.running_var)
        y = (t - mu) * torch.rsqrt(var + self.eps) * torch.from_numpy(self.gamma) + torch.from_numpy(self.beta)
        return y.numpy()
