from typing import List


class Solution:
    def threeSum(self, nums: List[int]) -> List[List[int]]:
        nums.sort()
        return self.k_sum(nums, 0, 3, 0)

    def k_sum(self, nums, target, k, start):
        # generic k-sum: recurse down to a two-pointer pair sum, skipping repeated values
        res = []
        if k == 2:
            l, r = start, len(nums) - 1
            while l < r:
                s = nums[l] + nums[r]
                if s < target or (l > start and nums[l] == nums[l - 1]):
                    l += 1
                elif s > target or (r < len(nums) - 1 and nums[r] == nums[r + 1]):
                    r -= 1
                else:
                    res.append([nums[l], nums[r]])
                    l += 1
                    r -= 1
            return res
        for i in range(start, len(nums)):
            if i == start or nums[i] != nums[i - 1]:
                for sub in self.k_sum(nums, target - nums[i], k - 1, i + 1):
                    res.append([nums[i]] + sub)
        return res
