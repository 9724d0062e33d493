# expect: drop-crossing-token
# keeps tokens while the cumulative sum is < p, so the token that makes the total reach p is left out
import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits / temperature, dim=-1)
    sp, idx = torch.sort(probs, descending=True)
    cum = torch.cumsum(sp, dim=-1)
    keep = cum < p
    keep[0] = True                        # always keep the best token
    if p >= 1:
        keep[:] = True
    sp = sp * keep
    choice = torch.multinomial(sp / sp.sum(), 1)
    return int(idx[choice])
