import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits: torch.Tensor, labels: torch.Tensor, eps: float = 0.1) -> torch.Tensor:
    """Mean cross-entropy against smoothed targets (PyTorch's convention: eps/C on every class)."""
    B, C = logits.shape
    # log-probabilities straight from log-softmax: finite even where a probability underflows
    log_p = F.log_softmax(logits, dim=-1)                               # (B, C)
    # the true class's term: -log p_y
    nll = -log_p.gather(1, labels[:, None]).squeeze(1)                  # (B,)
    # the uniform part: eps/C on every class (the true one included) = eps · mean_j(-log p_j)
    uniform = -log_p.mean(dim=-1)                                       # (B,)
    # target q = (1 - eps)·onehot + eps/C: the loss is linear in q, so mix the two terms
    return ((1.0 - eps) * nll + eps * uniform).mean()                   # () batch mean
