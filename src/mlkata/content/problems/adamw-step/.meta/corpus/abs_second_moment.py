# expect: none
# second moment tracks |g| instead of g^2 (and takes no square root later), an L1-style denominator
import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    b1, b2 = betas
    param = param * (1 - lr * weight_decay)
    m = b1 * m + (1 - b1) * grad
    v = b2 * v + (1 - b2) * np.abs(grad)
    m_hat = m / (1 - b1 ** step)
    v_hat = v / (1 - b2 ** step)
    param = param - lr * m_hat / (v_hat + eps)
    return param, m, v
