def lower_bound(arr, target):
    lo, hi, ans = 0, len(arr) - 1, len(arr)
    while lo <= hi:
        mid = (lo + hi) >> 1
        if arr[mid] >= target:
            ans = mid; hi = mid - 1
        else:
            lo = mid + 1
    return ans
