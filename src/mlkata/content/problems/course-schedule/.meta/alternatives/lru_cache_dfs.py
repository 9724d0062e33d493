# recursion through @lru_cache (a C function): the 2000-course chain needs the grown C stack
class Solution:
    def canFinish(self, numCourses, prerequisites):
        adj = [[] for _ in range(numCourses)]
        for a, b in prerequisites: adj[a].append(b)
        state = [0] * numCourses
        @lru_cache(None)
        def ok(c):
            if state[c] == 1: return False
            state[c] = 1
            r = all(ok(p) for p in adj[c])
            state[c] = 2
            return r
        return all(ok(c) for c in range(numCourses))
