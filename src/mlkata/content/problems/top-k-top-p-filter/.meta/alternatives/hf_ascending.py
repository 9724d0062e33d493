import torch


def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    if temperature == 0:
        top = logits.max(dim=-1, keepdim=True).values
        return logits.masked_fill(logits < top, float("-inf"))
    scores = logits * (1.0 / temperature)
    if top_k > 0:
        k = min(top_k, scores.size(-1))
        scores = scores.masked_fill(scores < torch.topk(scores, k)[0][..., -1, None], float("-inf"))
    if top_p < 1.0:
        # ascending sort, drop the low tail whose total mass is <= 1 - p
        sorted_logits, sorted_indices = torch.sort(scores, descending=False)
        cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        remove_sorted = cumulative <= (1 - top_p)
        remove_sorted[..., -1:] = False
        remove = remove_sorted.scatter(-1, sorted_indices, remove_sorted)
        scores = scores.masked_fill(remove, float("-inf"))
    return scores
