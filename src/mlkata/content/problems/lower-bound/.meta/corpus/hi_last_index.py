# expect: hi-last-index
# starts with hi = len(arr) - 1, so a target above every element returns len(arr) - 1 instead of len(arr)
def lower_bound(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo
