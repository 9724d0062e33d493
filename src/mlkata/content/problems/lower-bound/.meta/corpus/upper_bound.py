# expect: upper-bound
# moves lo past elements equal to the target (arr[mid] <= target), returning the index after the last equal element
def lower_bound(arr, target):
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if arr[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo
