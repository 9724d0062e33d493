# expect: temperature-after-filtering
# filters the raw logits and divides by the temperature only at the end, so top-p sees untempered probabilities
import torch


def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    z = logits.clone()
    V = z.shape[-1]
    if temperature == 0:
        keep = z == z.max(dim=-1, keepdim=True).values
        return torch.where(keep, z, torch.full_like(z, float("-inf")))
    if top_k > 0 and top_k < V:
        kth = torch.topk(z, top_k, dim=-1).values[..., -1:]
        z = torch.where(z >= kth, z, torch.full_like(z, float("-inf")))
    if top_p < 1.0:
        sorted_z, order = z.sort(dim=-1, descending=True)
        probs = sorted_z.softmax(dim=-1)
        before = probs.cumsum(dim=-1) - probs        # mass strictly before each token
        remove = before >= top_p
        remove = torch.zeros_like(remove).scatter(-1, order, remove)
        z = z.masked_fill(remove, float("-inf"))
    return z / temperature
