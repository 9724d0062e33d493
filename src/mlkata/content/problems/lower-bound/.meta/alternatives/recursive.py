def lower_bound(arr, target, lo=0, hi=None):
    if hi is None: hi = len(arr)
    if lo >= hi: return lo
    mid = (lo + hi) // 2
    return lower_bound(arr, target, mid + 1, hi) if arr[mid] < target else lower_bound(arr, target, lo, mid)
