import numpy as np


def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    """One AdamW update. Returns the new (param, m, v); m, v are the raw moving averages."""
    beta1, beta2 = betas
    # decoupled weight decay: shrink the weights themselves, scaled by lr, outside the adaptive part
    param = param * (1 - lr * weight_decay)              # (...) same shape and dtype as param
    # first and second moment estimates (exponential moving averages of g and g²)
    m = beta1 * m + (1 - beta1) * grad                   # (...)
    v = beta2 * v + (1 - beta2) * grad * grad            # (...)
    # bias correction: both averages start at 0, so early estimates are too small
    m_hat = m / (1 - beta1 ** step)                      # (...)
    v_hat = v / (1 - beta2 ** step)                      # (...)
    # eps is added to the square root, not inside it
    param = param - lr * m_hat / (np.sqrt(v_hat) + eps)  # (...)
    return param, m, v
