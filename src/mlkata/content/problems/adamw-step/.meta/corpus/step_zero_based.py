# expect: none
# bias correction uses step + 1 as if step counted from 0
import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    beta1, beta2 = betas
    t = step + 1  # first step is t = 1
    p = param * (1.0 - lr * weight_decay)
    exp_avg = beta1 * m + (1.0 - beta1) * grad
    exp_avg_sq = beta2 * v + (1.0 - beta2) * np.square(grad)
    bc1 = 1.0 - beta1 ** t
    bc2 = 1.0 - beta2 ** t
    denom = np.sqrt(exp_avg_sq / bc2) + eps
    p = p - lr * (exp_avg / bc1) / denom
    return p, exp_avg, exp_avg_sq
