# Correct: the sheet's style: a stable log-softmax matrix, then one entry per row, in the input dtype.
import numpy as np


def cross_entropy(logits, labels):
    if ((labels < 0) | (labels >= logits.shape[1])).any():
        raise ValueError("label out of range")
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(len(labels)), labels].mean()
