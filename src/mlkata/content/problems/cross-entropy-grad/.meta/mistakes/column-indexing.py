import numpy as np


def cross_entropy_with_grad(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of `labels` (B,) under `logits` (B, C), and its gradient w.r.t. logits."""
    B, C = logits.shape
    # float16 sums overflow past 65504: work in float32 there
    x = logits.astype(np.float32) if logits.dtype == np.float16 else logits      # (B, C)
    # stable softmax: shift by the row max so exp cannot overflow
    z = x - x.max(axis=1, keepdims=True)                                         # (B, C), max 0
    e = np.exp(z)                                                                # (B, C)
    s = e.sum(axis=1, keepdims=True)                                             # (B, 1), >= 1
    p = e / s                                                                    # (B, C) softmax
    rows = np.arange(B)
    # loss in log space: -log p_y = log s - z_y, finite even when p_y underflows
    loss = float((np.log(s[:, 0]) - z[rows, labels]).mean())
    # d(mean_i -log p_{i,y_i}) / dx = (p - onehot) / B: softmax minus the target, per example
    grad = p.copy()                                                              # (B, C)
    grad[:, labels] -= 1.0          # every row loses 1 at every label of the batch
    grad /= B                                                                    # the mean's 1/B
    return loss, grad.astype(logits.dtype, copy=False)
