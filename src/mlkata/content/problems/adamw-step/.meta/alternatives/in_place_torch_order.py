import math

import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    b1, b2 = betas
    param *= 1 - lr * weight_decay                       # in place, as torch does
    m *= b1
    m += (1 - b1) * grad
    v *= b2
    v += (1 - b2) * grad * grad
    step_size = lr / (1 - b1 ** step)
    denom = np.sqrt(v) / math.sqrt(1 - b2 ** step) + eps  # torch's form of sqrt(v_hat) + eps
    param -= step_size * m / denom
    return param, m, v
