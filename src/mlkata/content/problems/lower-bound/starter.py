def lower_bound(arr, target):
    """First index i with arr[i] >= target in the sorted `arr`, or len(arr)."""
    # TODO: lo, hi = 0, len(arr); shrink [lo, hi) until it is empty
    raise NotImplementedError
