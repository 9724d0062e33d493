# expect: none
# filters correctly in sorted order but returns the sorted logits, never scattering them back to the vocabulary order
import torch


def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    if temperature == 0:
        z = logits.clone()
    else:
        z = logits / temperature
    sz, _ = torch.sort(z, dim=-1, descending=True)
    V = sz.shape[-1]
    keep = torch.ones_like(sz, dtype=torch.bool)
    if temperature == 0:
        keep = sz == sz[..., :1]
    else:
        if 0 < top_k < V:
            keep &= sz >= sz[..., top_k - 1:top_k]
        if top_p < 1.0:
            probs = torch.softmax(sz.masked_fill(~keep, float("-inf")), dim=-1)
            before = probs.cumsum(-1) - probs
            keep &= before < top_p
    return sz.masked_fill(~keep, float("-inf"))
