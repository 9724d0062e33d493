import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    logits /= temperature                                  # in place: the caller's tensor changes
    probs = torch.softmax(logits, dim=-1)
    sorted_probs, order = torch.sort(probs, descending=True)
    before = torch.cumsum(sorted_probs, dim=-1) - sorted_probs  # mass of the tokens ranked above
    keep = before < p if p < 1 else torch.ones_like(before, dtype=torch.bool)
    nucleus = sorted_probs * keep
    return int(order[torch.multinomial(nucleus / nucleus.sum(), 1)])
