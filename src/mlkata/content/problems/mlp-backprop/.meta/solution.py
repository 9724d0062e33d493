import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    """Loss of Linear-ReLU-Linear + softmax cross-entropy (batch mean), and its parameter gradients."""
    B = x.shape[0]
    # forward
    z1 = x @ W1 + b1                                   # (B, H) pre-activation
    h = np.maximum(z1, 0)                              # (B, H) ReLU
    z2 = h @ W2 + b2                                   # (B, C) logits
    # stable log-softmax: shift each row by its max so exp cannot overflow
    s = z2 - z2.max(axis=1, keepdims=True)             # (B, C), max 0
    e = np.exp(s)                                      # (B, C)
    lse = np.log(e.sum(axis=1, keepdims=True))         # (B, 1)
    rows = np.arange(B)
    loss = float(np.mean(lse[:, 0] - s[rows, y]))      # mean of -log softmax at the label
    # backward: d loss / d logits = (softmax - onehot) / B
    dz2 = np.exp(s - lse)                              # (B, C) softmax
    dz2[rows, y] -= 1
    dz2 /= B
    dW2 = h.T @ dz2                                    # (H, C)
    db2 = dz2.sum(axis=0)                              # (C,)  the bias is shared by every row
    dh = dz2 @ W2.T                                    # (B, H)
    dz1 = dh * (z1 > 0)                                # (B, H) ReLU'(z) = 1 where z > 0, else 0
    dW1 = x.T @ dz1                                    # (D, H)
    db1 = dz1.sum(axis=0)                              # (H,)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
