import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits.double(), dim=-1) / temperature   # temperature too late
    sorted_probs, order = torch.sort(probs, descending=True)
    keep = (torch.cumsum(sorted_probs, dim=0) - sorted_probs) < p
    kept = torch.where(keep, sorted_probs, torch.zeros_like(sorted_probs))
    return int(order[torch.multinomial(kept, 1)])
