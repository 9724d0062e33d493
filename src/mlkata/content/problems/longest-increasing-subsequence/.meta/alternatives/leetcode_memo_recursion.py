class Solution:
    def lengthOfLIS(self, nums: List[int]) -> int:
        n = len(nums)

        @lru_cache(maxsize=None)
        def best_from(i: int) -> int:
            # longest increasing subsequence starting at i (recursion n deep at most)
            return 1 + max((best_from(j) for j in range(i + 1, n) if nums[j] > nums[i]), default=0)

        return max(best_from(i) for i in reversed(range(n)))
