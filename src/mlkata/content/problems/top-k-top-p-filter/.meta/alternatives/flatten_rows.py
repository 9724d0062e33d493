import torch


def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    shape = logits.shape
    x = logits.reshape(-1, shape[-1])
    out = torch.empty_like(x)
    for r in range(x.shape[0]):
        row = x[r]
        if temperature == 0:
            keep = torch.zeros_like(row, dtype=torch.bool)
            keep[row.argmax()] = True
            out[r] = torch.where(keep, row, torch.full_like(row, float("-inf")))
            continue
        z = row / temperature
        keep = torch.ones_like(z, dtype=torch.bool)
        if top_k > 0:
            kth = z.sort(descending=True).values[min(top_k, z.numel()) - 1]
            keep &= z >= kth
        if top_p < 1.0:
            p = torch.softmax(torch.where(keep, z, torch.full_like(z, float("-inf"))).double(), -1)
            sp, idx = p.sort(descending=True)
            n = int((sp.cumsum(0) < top_p).sum()) + 1     # smallest prefix with mass >= p
            nucleus = torch.zeros_like(keep)
            nucleus[idx[:n]] = True
            keep &= nucleus
        out[r] = torch.where(keep, z, torch.full_like(z, float("-inf")))
    return out.reshape(shape)
