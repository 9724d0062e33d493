class Solution:
    def pairSums(self, nums, target):
        l, r, out = 0, len(nums) - 1, []
        while l < r:
            s = nums[l] + nums[r]
            if s == target: out.append([nums[l], nums[r]]); l += 1; r -= 1
            elif s < target: l += 1
            else: r -= 1
        return out
