# expect: none
# smooths the predicted distribution, -log((1 - eps) p_y + eps / C), instead of the target
import torch


def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    C = logits.shape[-1]
    p = torch.softmax(logits, dim=-1)
    p_smooth = (1 - eps) * p + eps / C
    return -torch.log(p_smooth.gather(1, labels.view(-1, 1))).mean()
