def lower_bound(arr, target):
    lo, hi = 0, len(arr) - 1  # "not found" (len(arr)) can never be returned
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo
