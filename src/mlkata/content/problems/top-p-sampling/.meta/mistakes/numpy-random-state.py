import numpy as np
import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits.double() / temperature, dim=-1)
    sorted_probs, order = torch.sort(probs, descending=True)            # (V,), (V,)
    keep = (torch.cumsum(sorted_probs, dim=0) - sorted_probs) < p       # mass before each token < p
    kept = torch.where(keep, sorted_probs, torch.zeros_like(sorted_probs))
    kept = (kept / kept.sum()).numpy()
    # the right distribution, drawn from NumPy's global state: torch.manual_seed cannot reproduce it
    return int(order[np.random.choice(len(kept), p=kept)])
