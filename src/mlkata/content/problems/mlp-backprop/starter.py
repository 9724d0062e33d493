import numpy as np


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    """Loss of Linear-ReLU-Linear + softmax cross-entropy (batch mean), and its parameter gradients.

    x (B, D), y (B,) int labels, W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).
    Returns (loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}), each gradient shaped like its parameter.
    """
    # TODO: forward z1 = x @ W1 + b1, h = relu(z1), logits = h @ W2 + b2, loss = mean cross-entropy
    # TODO: backward from d loss / d logits down to every parameter
    raise NotImplementedError
