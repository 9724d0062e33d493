class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        index = {v: i for i, v in enumerate(nums)}  # last index of each value
        for i, v in enumerate(nums):
            j = index.get(target - v)
            if j is not None and j != i:
                return [j, i]
