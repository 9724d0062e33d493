def pair_sums(nums, target):
    """All [a, b] (a < b) from the sorted, distinct `nums` with a + b == target, by a ascending."""
    # TODO: l at the start, r at the end; move the one that brings the sum towards target
    raise NotImplementedError
