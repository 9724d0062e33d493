import numpy as np
import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return np.int64(torch.argmax(logits).item())
    probs = torch.softmax(logits.double() / temperature, dim=-1)
    sp, order = probs.sort(descending=True)
    cum = sp.cumsum(0)
    m = len(sp) if p >= 1 else int((cum < p).sum()) + 1      # smallest prefix with mass >= p
    m = min(m, len(sp))
    u = torch.rand(()).double() * cum[m - 1]                   # inverse CDF on the nucleus
    j = min(int(torch.searchsorted(cum[:m], u, right=True)), m - 1)
    return np.int64(order[j].item())
