# Correct: calls torch's own kernel is forbidden, so this one rebuilds it with torch ops in the input dtype.
import numpy as np
import torch


def softmax(x):
    t = torch.from_numpy(np.ascontiguousarray(x))
    t = t - t.amax(dim=-1, keepdim=True)
    e = t.exp()
    return (e / e.sum(dim=-1, keepdim=True)).numpy()
