import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    C = logits.shape[-1]
    # the sheet's Q31 convention: 1 - eps on the true class, eps/(C-1) on each other one
    q = torch.full_like(logits, eps / (C - 1))
    q.scatter_(1, labels[:, None], 1.0 - eps)
    return -(q * F.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
