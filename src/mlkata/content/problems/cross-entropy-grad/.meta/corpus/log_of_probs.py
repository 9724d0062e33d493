# expect: log-of-softmax
# loss as -log(softmax[y]) on the shifted softmax: when the true class is far below the best, the probability is 0 and the loss is inf
import numpy as np


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def cross_entropy_with_grad(logits, labels):
    B = logits.shape[0]
    p = softmax(logits)
    picked = p[np.arange(B), labels]
    loss = -np.log(picked).mean()
    dl = p.copy()
    dl[np.arange(B), labels] -= 1.0
    return loss, dl / B
