def train_bpe(text: str, num_merges: int) -> list:
    """Learn up to num_merges byte-pair merges from the whitespace-separated words of `text`.

    Returns the merges in the order learned, as (left, right) pairs of strings.
    """
    # TODO: count adjacent symbol pairs over all words (weighted by word frequency), merge the best, repeat
    raise NotImplementedError


def bpe_encode(text: str, merges: list) -> list:
    """Split each whitespace-separated word of `text` into tokens using `merges` (earliest first)."""
    # TODO: start from characters; apply the lowest-ranked mergeable pair until none is left
    raise NotImplementedError
