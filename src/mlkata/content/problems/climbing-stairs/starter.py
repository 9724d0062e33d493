def climb(n):
    """Number of sequences of 1- and 2-step moves that climb exactly n steps (n >= 1)."""
    # TODO: ways[i] = ways[i - 1] + ways[i - 2], filled from the bottom
    raise NotImplementedError
