# expect: sheet-convention
# the other convention: 1 - eps on the true class and eps / (C - 1) on the others
import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    B, C = logits.shape
    logp = F.log_softmax(logits, dim=-1)
    target = torch.full_like(logp, eps / (C - 1))
    target.scatter_(1, labels.unsqueeze(1), 1.0 - eps)
    return -(target * logp).sum(dim=1).mean()
