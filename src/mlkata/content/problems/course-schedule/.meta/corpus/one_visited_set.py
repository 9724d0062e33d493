# expect: visited-means-cycle
# DFS with a single visited set and no "on the current path" state: reaching a finished node again (a diamond) is taken for a cycle
from collections import defaultdict


class Solution:
    def canFinish(self, numCourses, prerequisites):
        graph = defaultdict(list)
        for a, b in prerequisites:
            graph[b].append(a)
        visited = set()

        def has_cycle(u):
            if u in visited:
                return True
            visited.add(u)
            for w in graph[u]:
                if has_cycle(w):
                    return True
            return False

        for c in range(numCourses):
            if c not in visited and has_cycle(c):
                return False
        return True
