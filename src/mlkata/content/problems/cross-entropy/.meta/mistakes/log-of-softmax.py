import numpy as np


def cross_entropy(logits, labels):
    if ((labels < 0) | (labels >= logits.shape[1])).any():
        raise IndexError("label out of range")
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    e = np.exp(x - x.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    # log of a probability that underflowed to 0 is -inf
    return float(-np.log(probs[np.arange(len(labels)), labels]).mean())
