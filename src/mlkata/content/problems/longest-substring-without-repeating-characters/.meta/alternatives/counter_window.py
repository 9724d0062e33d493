class Solution:
    def lengthOfLongestSubstring(self, s: str) -> int:
        cnt = Counter()
        i = res = 0
        for j, c in enumerate(s):
            cnt[c] += 1
            while cnt[c] > 1:
                cnt[s[i]] -= 1
                i += 1
            res = max(res, j - i + 1)
        return res
