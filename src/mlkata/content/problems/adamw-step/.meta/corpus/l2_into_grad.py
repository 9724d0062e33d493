# expect: adam-l2
# weight decay folded into the gradient (Adam + L2) instead of decoupled shrinking of the weights
import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    b1, b2 = betas
    g = grad + weight_decay * param          # regularise through the gradient
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    m_hat = m / (1 - b1 ** step)
    v_hat = v / (1 - b2 ** step)
    new_param = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_param.astype(param.dtype), m.astype(param.dtype), v.astype(param.dtype)
