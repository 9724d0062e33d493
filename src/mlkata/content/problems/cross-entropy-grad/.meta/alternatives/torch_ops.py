# Correct: torch ops in the input dtype (amax, exp, one_hot), the gradient written out by hand.
import numpy as np
import torch


def cross_entropy_with_grad(logits, labels):
    x = torch.from_numpy(np.ascontiguousarray(logits))
    y = torch.from_numpy(np.asarray(labels)).long()
    if x.dtype == torch.float16:
        x = x.float()
    B, C = x.shape
    z = x - x.amax(dim=1, keepdim=True)
    s = z.exp().sum(dim=1, keepdim=True)
    loss = (s.log().squeeze(1) - z.gather(1, y[:, None]).squeeze(1)).mean()
    grad = (z.exp() / s - torch.nn.functional.one_hot(y, C).to(x.dtype)) / B
    return loss.item(), grad.to(torch.from_numpy(logits[:0]).dtype).numpy()
