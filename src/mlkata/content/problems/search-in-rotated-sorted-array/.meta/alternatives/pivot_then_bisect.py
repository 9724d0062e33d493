class Solution:
    def search(self, nums: List[int], target: int) -> int:
        lo, hi = 0, len(nums) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if nums[mid] > nums[hi]: lo = mid + 1
            else: hi = mid
        k = lo
        if nums[k] <= target <= nums[-1]:
            i = bisect_left(nums, target, k)
        else:
            i = bisect.bisect_left(nums, target, 0, k)
        return i if i < len(nums) and nums[i] == target else -1
