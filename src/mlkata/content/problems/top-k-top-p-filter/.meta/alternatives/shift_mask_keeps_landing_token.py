import torch

def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    if temperature == 0:
        idx = logits.argmax(dim=-1, keepdim=True)
        out = torch.full_like(logits, float("-inf"))
        return out.scatter(-1, idx, logits.gather(-1, idx))
    z = logits / temperature
    if top_k > 0:
        k = min(top_k, z.size(-1))
        kth = torch.topk(z, k, dim=-1).values[..., -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    if top_p < 1.0:
        sorted_z, sorted_idx = torch.sort(z, descending=True, dim=-1)
        probs = torch.softmax(sorted_z, dim=-1)
        cum = probs.cumsum(dim=-1)
        remove = cum > top_p
        remove[..., 1:] = remove[..., :-1].clone()
        remove[..., 0] = False
        remove_orig = remove.scatter(-1, sorted_idx, remove)
        z = z.masked_fill(remove_orig, float("-inf"))
    return z
