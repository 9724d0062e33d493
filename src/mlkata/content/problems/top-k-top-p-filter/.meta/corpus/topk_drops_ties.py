# expect: topk-indices-drop-ties
# top-k keeps exactly k entries through torch.topk indices, dropping the entries tied with the k-th value
import torch


def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    if temperature == 0:
        out = torch.full_like(logits, float("-inf"))
        return out.scatter(-1, logits.argmax(-1, keepdim=True), logits.gather(-1, logits.argmax(-1, keepdim=True)))
    z = logits / temperature
    if 0 < top_k < z.shape[-1]:
        idx = torch.topk(z, top_k, dim=-1).indices
        keep = torch.zeros_like(z, dtype=torch.bool).scatter(-1, idx, True)
        z = z.masked_fill(~keep, float("-inf"))
    if top_p < 1.0:
        sz, si = torch.sort(z, descending=True, dim=-1)
        cum = torch.softmax(sz, dim=-1).cumsum(-1)
        drop_sorted = (cum - torch.softmax(sz, dim=-1)) >= top_p
        drop = drop_sorted.scatter(-1, si, drop_sorted)
        z = z.masked_fill(drop, float("-inf"))
    return z
