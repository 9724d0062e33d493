def lower_bound(arr, target):
    lo, hi = 0, len(arr)  # the answer is in [lo, hi]; hi = len(arr) means "not found"
    while lo < hi:  # an empty range [lo, lo) means lo is the answer
        mid = (lo + hi) // 2  # lo <= mid < hi: always a real element
        if arr[mid] < target:
            lo = mid + 1  # mid and everything left of it are too small
        else:
            hi = mid  # mid may be the answer: keep it (hi is exclusive)
    return lo
