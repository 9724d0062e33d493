# expect: relu-grad-one-at-zero
# the ReLU mask is z1 >= 0, so a pre-activation of exactly 0 passes gradient (ReLU'(0) = 1)
import numpy as np


def softmax(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def mlp_forward_backward(x, y, W1, b1, W2, b2):
    n = len(y)
    pre = x.dot(W1) + b1
    act = np.where(pre > 0, pre, 0.0)
    out = act.dot(W2) + b2
    probs = softmax(out)
    loss = np.mean(-np.log(probs[np.arange(n), y]))
    onehot = np.zeros_like(probs)
    onehot[np.arange(n), y] = 1.0
    d_out = (probs - onehot) / n
    grads = {"W2": act.T.dot(d_out), "b2": d_out.sum(0)}
    d_act = d_out.dot(W2.T)
    d_pre = d_act * (pre >= 0)
    grads["W1"] = x.T.dot(d_pre)
    grads["b1"] = d_pre.sum(0)
    return loss, grads
