# expect: none
# returns the bias-corrected m-hat and v-hat as the new state instead of the raw averages
import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    b1, b2 = betas
    param = param * (1 - lr * weight_decay)
    m = b1 * m + (1 - b1) * grad
    v = b2 * v + (1 - b2) * grad ** 2
    m = m / (1 - b1 ** step)
    v = v / (1 - b2 ** step)
    param = param - lr * m / (np.sqrt(v) + eps)
    return param, m, v
