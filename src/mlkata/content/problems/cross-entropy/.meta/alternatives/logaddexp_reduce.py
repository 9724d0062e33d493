# Correct: NumPy's logaddexp ufunc folded over the classes (allowed: it is not a library logsumexp).
import numpy as np


def cross_entropy(logits, labels):
    assert labels.min() >= 0 and labels.max() < logits.shape[1], "label out of range"
    x = logits.astype(np.float64)
    lse = np.logaddexp.reduce(x, axis=1)
    return float(np.mean(lse - np.take_along_axis(x, labels[:, None], axis=1)[:, 0]))
