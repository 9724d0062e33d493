import torch


def top_p_sample(logits: torch.Tensor, p: float = 0.9, temperature: float = 1.0) -> int:
    """Sample one token id from the nucleus of softmax(logits / temperature)."""
    # temperature -> 0 is the greedy limit; dividing by 0 would give inf/NaN
    if temperature == 0:
        return int(torch.argmax(logits))
    # temperature scales the logits *before* the softmax; float64 keeps the cumsum honest
    probs = torch.softmax(logits.double() / temperature, dim=-1)      # (V,)
    if p >= 1:
        # the whole vocabulary: no cumsum, so rounding cannot drop tail tokens
        return int(torch.multinomial(probs, 1))
    sorted_probs, order = torch.sort(probs, descending=True)           # (V,), (V,)
    mass_before = torch.cumsum(sorted_probs, dim=0) - sorted_probs      # (V,) mass of the tokens ahead
    # keep a token while the mass ahead of it is still short of p: the crossing token stays
    keep = mass_before < p                                              # (V,) a prefix, never empty
    kept = torch.where(keep, sorted_probs, torch.zeros_like(sorted_probs))
    # multinomial renormalises the kept weights itself
    pick = torch.multinomial(kept, 1)                                   # (1,) position in sorted order
    return int(order[pick])
