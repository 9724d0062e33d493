import numpy as np


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean cross-entropy of integer `labels` (B,) under unnormalised `logits` (B, C)."""
    B, C = logits.shape
    labels = np.asarray(labels)
    # fancy indexing silently wraps -1 to the last class: refuse labels outside [0, C)
    if labels.shape != (B,) or ((labels < 0) | (labels >= C)).any():
        raise IndexError(f"labels must have shape ({B},) with values in [0, {C})")
    # float16 sums of many exp() overflow past 65504: work in float32 there
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits   # (B, C)
    # log-sum-exp with the row max pulled out: exp never overflows, log never sees 0
    m = x.max(axis=1, keepdims=True)                                           # (B, 1)
    lse = m + np.log(np.exp(x - m).sum(axis=1, keepdims=True))                 # (B, 1)
    # pick each row's own label: one (row, label) pair per example, not a (B, B) grid
    picked = x[np.arange(B), labels]                                           # (B,)
    # -log p_y = logsumexp(x) - x_y, averaged over the batch
    return float((lse[:, 0] - picked).mean())
