import torch


def filter_logits(logits: torch.Tensor, top_k: int = 0, top_p: float = 1.0,
                  temperature: float = 1.0) -> torch.Tensor:
    """Temperature, then top-k, then top-p on the last axis; filtered entries become -inf."""
    neg_inf = torch.tensor(float("-inf"), dtype=logits.dtype)
    if temperature == 0:
        # the greedy limit: only the argmax of each row survives
        best = logits.argmax(dim=-1, keepdim=True)                         # (..., 1)
        keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, best, True)
        return torch.where(keep, logits, neg_inf)                           # (..., V)
    # temperature first: both filters then see the sharpened/flattened distribution
    z = logits
    V = z.shape[-1]
    if top_k > 0:
        # compare with the k-th largest value, so ties with it are kept
        kth = torch.topk(z, min(top_k, V), dim=-1).values[..., -1:]        # (..., 1)
        z = torch.where(z < kth, neg_inf, z)
    if top_p < 1.0:
        # renormalise what top-k left, most likely first; float64 keeps the cumsum exact enough
        sorted_z, order = torch.sort(z, dim=-1, descending=True)            # (..., V)
        probs = torch.softmax(sorted_z.double(), dim=-1)                    # (..., V)
        mass_before = probs.cumsum(dim=-1) - probs                          # (..., V)
        # drop a token once the tokens ahead of it already hold mass p (the crossing token stays)
        drop_sorted = mass_before >= top_p                                  # (..., V)
        drop = drop_sorted.scatter(-1, order, drop_sorted)                  # back to vocabulary order
        z = torch.where(drop, neg_inf, z)
    return z / temperature
