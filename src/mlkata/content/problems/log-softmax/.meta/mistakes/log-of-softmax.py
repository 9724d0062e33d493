import numpy as np


def log_softmax(x):
    acc = np.float32 if x.dtype == np.float16 else x.dtype
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True, dtype=acc)
    return np.log(p).astype(x.dtype)  # a probability that underflowed to 0 gives -inf
