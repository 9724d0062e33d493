# expect: modifies-logits-in-place
# divides the caller's logits by the temperature in place (logits /= temperature)
import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return logits.argmax().item()
    logits /= temperature
    probs = logits.softmax(-1)
    order = probs.argsort(descending=True)
    total, nucleus = 0.0, []
    for i in order.tolist():
        nucleus.append(i)
        total += probs[i].item()
        if total >= p and p < 1:
            break
    sub = probs[nucleus]
    k = torch.multinomial(sub / sub.sum(), 1).item()
    return nucleus[k]
