# expect: sign-flipped
# gradient written as onehot - softmax: the sign is reversed
import numpy as np


def cross_entropy_with_grad(logits, labels):
    B = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z).sum(axis=1, keepdims=True))
    logp = z - lse
    loss = -logp[np.arange(B), labels].mean()
    onehot = np.eye(logits.shape[1], dtype=logits.dtype)[labels]
    grad = (onehot - np.exp(logp)) / B
    return loss, grad.astype(logits.dtype)
