import torch


def top_p_sample(logits, p=0.9, temperature=1.0):
    if temperature == 0:
        return logits.argmax()
    scores = logits / temperature
    # Hugging Face style: sort ascending, drop the low tail whose mass is <= 1 - p
    sorted_scores, idx = torch.sort(scores, descending=False)
    cum = sorted_scores.softmax(dim=-1).cumsum(dim=-1)
    remove = cum <= (1 - p)
    remove[-1] = False
    scores = scores.masked_fill(remove.scatter(0, idx, remove), float("-inf"))
    return torch.distributions.Categorical(logits=scores).sample()
