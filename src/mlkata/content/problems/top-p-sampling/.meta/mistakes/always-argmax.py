import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    return int(torch.argmax(logits))    # greedy: no sampling at all
