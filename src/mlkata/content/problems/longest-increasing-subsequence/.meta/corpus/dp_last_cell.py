# expect: dp-last-entry
# O(n^2) DP that returns dp[-1] (the best sequence ending at the last element) instead of max(dp)
class Solution:
    def lengthOfLIS(self, nums):
        n = len(nums)
        dp = [1] * n
        for i in range(1, n):
            for j in range(i):
                if nums[j] < nums[i] and dp[j] + 1 > dp[i]:
                    dp[i] = dp[j] + 1
        return dp[-1]
