# expect: no-divide-by-batch
# the loss is averaged but the gradient is softmax - onehot without the 1/B
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n = len(labels)
    rows = np.arange(n)
    m = np.max(logits, axis=-1, keepdims=True)
    e = np.exp(logits - m)
    s = np.sum(e, axis=-1, keepdims=True)
    probs = e / s
    loss = np.mean(np.log(s[:, 0]) + m[:, 0] - logits[rows, labels])
    d = probs.copy()
    d[rows, labels] -= 1
    return float(loss), d
