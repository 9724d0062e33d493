# Correct: one example at a time, gradients accumulated, the mean's 1/B applied at the end.
import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    B = x.shape[0]
    grads = {"W1": np.zeros_like(W1), "b1": np.zeros_like(b1), "W2": np.zeros_like(W2), "b2": np.zeros_like(b2)}
    total = 0.0
    for i in range(B):
        z1 = x[i] @ W1 + b1
        h = np.maximum(z1, 0)
        z2 = h @ W2 + b2
        m = z2.max()
        lse = m + np.log(np.sum(np.exp(z2 - m)))
        total += lse - z2[y[i]]
        d2 = np.exp(z2 - lse)
        d2[y[i]] -= 1
        grads["W2"] += np.outer(h, d2)
        grads["b2"] += d2
        d1 = (W2 @ d2) * (z1 > 0)
        grads["W1"] += np.outer(x[i], d1)
        grads["b1"] += d1
    return total / B, {k: v / B for k, v in grads.items()}
