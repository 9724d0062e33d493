# Correct: computes in float64 and casts back to the input dtype.
import numpy as np


def log_softmax(x):
    x64 = x.astype(np.float64)
    m = x64.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(x64 - m).sum(axis=-1, keepdims=True))
    return (x64 - lse).astype(x.dtype)
