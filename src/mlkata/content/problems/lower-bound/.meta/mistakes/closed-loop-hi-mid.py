def lower_bound(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo <= hi:  # closed-closed loop ...
        mid = (lo + hi) // 2
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid  # ... with the closed-open update: lo == hi == mid loops forever
    return lo
