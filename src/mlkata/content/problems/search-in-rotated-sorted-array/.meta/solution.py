def search(nums, target):
    lo, hi = 0, len(nums) - 1  # closed interval [lo, hi] still to search
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        # at least one half is sorted; "<=" because mid == lo when two elements remain
        if nums[lo] <= nums[mid]:
            # left half nums[lo..mid] is sorted: is target inside its range?
            if nums[lo] <= target < nums[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:
            # right half nums[mid..hi] is sorted
            if nums[mid] < target <= nums[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1
