import numpy as np


def cross_entropy_with_grad(logits, labels):
    B = logits.shape[0]
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    z = x - x.max(axis=1, keepdims=True)
    s = np.exp(z).sum(axis=1, keepdims=True)
    loss = float((np.log(s[:, 0]) - z[np.arange(B), labels]).mean())
    onehot = np.eye(x.shape[1], dtype=x.dtype)[labels]
    return loss, ((onehot - np.exp(z) / s) / B).astype(logits.dtype)  # target minus prediction
