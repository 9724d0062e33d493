# Correct: LLaMA's style with torch ops (pow, mean, rsqrt); half precision is upcast to float32.
import numpy as np
import torch


def rms_norm(x, gamma, eps=1e-6):
    t = torch.from_numpy(np.ascontiguousarray(x))
    h = t.float() if t.dtype == torch.float16 else t
    h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + eps)
    return (torch.from_numpy(gamma).to(h.dtype) * h).to(t.dtype).numpy()
