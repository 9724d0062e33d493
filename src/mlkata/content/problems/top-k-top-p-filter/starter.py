import torch


def filter_logits(logits: torch.Tensor, top_k: int = 0, top_p: float = 1.0,
                  temperature: float = 1.0) -> torch.Tensor:
    """Temperature, then top-k, then top-p on the last axis of `logits` (..., V).

    Returns logits / temperature with every filtered entry set to -inf.
    """
    # TODO: temperature (0 = keep only the argmax), then top-k (keep ties), then top-p
    raise NotImplementedError
