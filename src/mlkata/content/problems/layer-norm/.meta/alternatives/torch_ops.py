# Correct: torch ops in the input dtype (mean, biased var, rsqrt), not torch's layer_norm kernel.
import numpy as np
import torch


def layer_norm(x, gamma, beta, eps=1e-6):
    t = torch.from_numpy(np.ascontiguousarray(x))
    mu = t.mean(dim=-1, keepdim=True)
    var = t.var(dim=-1, unbiased=False, keepdim=True)
    y = (t - mu) * torch.rsqrt(var + eps) * torch.from_numpy(gamma) + torch.from_numpy(beta)
    return y.numpy()
