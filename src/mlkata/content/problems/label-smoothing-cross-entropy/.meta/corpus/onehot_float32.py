# expect: none
# builds the target with F.one_hot(...).float(): a float32 target mixed into float64 logits
import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    C = logits.shape[1]
    target = F.one_hot(labels, C).float() * (1 - eps) + eps / C
    loss = -(target * F.log_softmax(logits, dim=1)).sum(1)
    return loss.mean()
