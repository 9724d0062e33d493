import math
import torch
def top_p_sample(logits, p=0.9, temperature=1.0):
    vals = logits.tolist()
    if temperature == 0:
        return max(range(len(vals)), key=lambda i: vals[i])
    z = [v / temperature for v in vals]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    probs = sorted(((x / s, i) for i, x in enumerate(e)), reverse=True)
    nucleus, total = [], 0.0
    for pr, i in probs:
        nucleus.append((pr, i))
        total += pr
        if total >= p and p < 1:
            break
    u = torch.rand(()).item() * total
    acc = 0.0
    for pr, i in nucleus:
        acc += pr
        if u < acc:
            return i
    return nucleus[-1][1]
