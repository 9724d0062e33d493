import numpy as np


def softmax(x):
    e = np.exp(x - x.max())  # one max for the whole array, not one per row
    return e / e.sum(axis=-1, keepdims=True)
