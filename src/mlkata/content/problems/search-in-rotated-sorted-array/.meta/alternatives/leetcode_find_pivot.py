class Solution:
    def search(self, nums: List[int], target: int) -> int:
        # the rotation point = index of the minimum, by closed-open binary search
        lo, hi = 0, len(nums) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if nums[mid] > nums[hi]:
                lo = mid + 1
            else:
                hi = mid
        k, n = lo, len(nums)
        # search the sorted "unrotated" view with bisect, mapping back through k
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if nums[(mid + k) % n] < target:
                lo = mid + 1
            else:
                hi = mid
        return (lo + k) % n if lo < n and nums[(lo + k) % n] == target else -1
