def search(nums, target):
    lo, hi = 0, len(nums) - 1
    while lo <= hi:  # a plain binary search, as if nums were sorted
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
