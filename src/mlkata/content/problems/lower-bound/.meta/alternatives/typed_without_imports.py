def lower_bound(arr: List[int], target: int) -> int:
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if arr[mid] >= target: hi = mid
        else: lo = mid + 1
    return lo
