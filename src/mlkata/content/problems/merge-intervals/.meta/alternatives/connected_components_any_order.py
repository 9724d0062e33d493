# LeetCode's connected-components idea: groups come out in input order, not sorted by start
class Solution:
    # LeetCode's connected-components approach: the order follows the input order
    def merge(self, intervals):
        n = len(intervals)
        parent = list(range(n))
        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]; x = parent[x]
            return x
        order = sorted(range(n), key=lambda i: intervals[i][0])
        end = -1; last = None
        for i in order:
            s, e = intervals[i]
            if last is not None and s <= end:
                parent[find(i)] = find(last); end = max(end, e)
            else:
                end = e
            last = i
        groups = {}
        for i in range(n):
            r = find(i)
            if r not in groups: groups[r] = [intervals[i][0], intervals[i][1]]
            else:
                groups[r][0] = min(groups[r][0], intervals[i][0]); groups[r][1] = max(groups[r][1], intervals[i][1])
        return list(groups.values())
