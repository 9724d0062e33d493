import torch


def top_p_sample(logits: torch.Tensor, p: float = 0.9, temperature: float = 1.0) -> int:
    """Sample one token id from the nucleus of softmax(logits / temperature).

    logits: (V,) scores. Use torch's global random generator (e.g. torch.multinomial).
    """
    # TODO: temperature, softmax, sort, keep the smallest set with mass >= p, renormalise, sample
    raise NotImplementedError
