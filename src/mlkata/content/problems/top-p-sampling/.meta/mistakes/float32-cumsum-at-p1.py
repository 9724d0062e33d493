import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    sorted_probs, order = torch.sort(probs, descending=True)
    cum = torch.cumsum(sorted_probs, dim=0)           # float32: can pass 1.0 early
    sorted_probs[cum - sorted_probs > p] = 0.0        # p = 1 still cuts the tail
    return int(order[torch.multinomial(sorted_probs, 1)])
