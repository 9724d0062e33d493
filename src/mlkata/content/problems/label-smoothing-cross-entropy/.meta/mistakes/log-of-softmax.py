import torch


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    C = logits.shape[-1]
    log_p = torch.log(torch.softmax(logits, dim=-1))  # -inf wherever a probability underflows
    q = torch.full_like(logits, eps / C)
    q.scatter_(1, labels[:, None], 1.0 - eps + eps / C)
    return -(q * log_p).sum(dim=-1).mean()
