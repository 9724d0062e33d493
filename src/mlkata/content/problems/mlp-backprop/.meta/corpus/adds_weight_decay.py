# expect: none
# adds an L2 weight-decay term (1e-4 * W) to the weight gradients, a regulariser the loss does not contain
import numpy as np

WD = 1e-4


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    B = x.shape[0]
    a1 = x @ W1 + b1
    h1 = np.maximum(a1, 0.0)
    a2 = h1 @ W2 + b2
    a2 = a2 - a2.max(axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(a2), axis=1))
    loss = np.mean(lse - a2[np.arange(B), y])
    p = np.exp(a2 - lse[:, None])
    p[np.arange(B), y] -= 1
    p /= B
    dW2 = h1.T @ p + WD * W2
    db2 = p.sum(axis=0)
    dh = (p @ W2.T) * (a1 > 0)
    dW1 = x.T @ dh + WD * W1
    db1 = dh.sum(axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
