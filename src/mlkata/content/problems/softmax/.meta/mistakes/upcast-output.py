import numpy as np


def softmax(x):
    z = np.asarray(x, dtype=np.float64)  # "for stability": the result stays float64
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
