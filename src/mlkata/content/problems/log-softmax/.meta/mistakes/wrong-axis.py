import numpy as np


def log_softmax(x):
    acc = np.float32 if x.dtype == np.float16 else x.dtype
    m = x.max(axis=0, keepdims=True)  # normalises over the first axis instead of each row
    return (x - m - np.log(np.exp(x - m).sum(axis=0, keepdims=True, dtype=acc))).astype(x.dtype)
