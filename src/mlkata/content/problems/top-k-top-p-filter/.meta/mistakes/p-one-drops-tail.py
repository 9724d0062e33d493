import torch

def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    if temperature == 0:
        idx = logits.argmax(dim=-1, keepdim=True)
        return torch.full_like(logits, float("-inf")).scatter(-1, idx, logits.gather(-1, idx))
    z = logits / temperature
    if top_k > 0:
        kth = torch.topk(z, min(top_k, z.size(-1)), dim=-1).values[..., -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    # top-p always runs: with top_p = 1.0 it "should" keep everything
    sorted_z, sorted_idx = torch.sort(z, descending=True, dim=-1)
    cum = torch.softmax(sorted_z, dim=-1).cumsum(dim=-1)
    remove = cum > top_p
    remove[..., 1:] = remove[..., :-1].clone()
    remove[..., 0] = False
    return z.masked_fill(remove.scatter(-1, sorted_idx, remove), float("-inf"))
