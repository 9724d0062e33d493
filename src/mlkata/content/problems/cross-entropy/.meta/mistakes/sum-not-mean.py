import numpy as np


def cross_entropy(logits, labels):
    if ((labels < 0) | (labels >= logits.shape[1])).any():
        raise IndexError("label out of range")
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    m = x.max(axis=1, keepdims=True)
    log_probs = x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].sum())  # total, not the batch mean
