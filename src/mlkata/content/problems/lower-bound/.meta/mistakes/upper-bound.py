def lower_bound(arr, target):
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] <= target:  # skips elements EQUAL to target: that is the upper bound
            lo = mid + 1
        else:
            hi = mid
    return lo
