class Solution:
    def lengthOfLongestSubstring(self, s: str) -> int:
        window: Set[str] = set()
        l = ans = 0
        for r in range(len(s)):
            while s[r] in window:
                window.remove(s[l])
                l += 1
            window.add(s[r])
            ans = max(ans, r - l + 1)
        return ans
