# expect: no-divide-by-batch
# the loss is the batch mean but the backward pass forgets the 1/B, so every gradient is B times too big
import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    B = x.shape[0]
    z1 = x @ W1 + b1                      # (B, H)
    h = np.maximum(z1, 0)
    logits = h @ W2 + b2                  # (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(B), y].mean()

    dlogits = np.exp(logp)
    dlogits[np.arange(B), y] -= 1         # softmax - onehot
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    dz1 = dh * (z1 > 0)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
