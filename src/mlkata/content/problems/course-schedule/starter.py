def can_finish(num_courses, prerequisites):
    """True if every course can be taken; [a, b] means b comes before a.

    A LeetCode-style `class Solution: def canFinish(self, numCourses, prerequisites)` is accepted too.
    """
    # TODO: topological sort (Kahn's algorithm) or DFS cycle detection
    raise NotImplementedError
