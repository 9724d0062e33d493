"""Three-colour DFS returning 1 / 0 instead of True / False (LeetCode accepts it too)."""


def can_finish(num_courses, prerequisites):
    after = [[] for _ in range(num_courses)]
    for a, b in prerequisites:
        after[b].append(a)
    state = [0] * num_courses  # 0 unseen, 1 on the current path, 2 finished

    def acyclic_from(u):
        if state[u] == 1:       # back on the current path: a cycle
            return False
        if state[u] == 2:       # already proven acyclic
            return True
        state[u] = 1
        if not all(acyclic_from(v) for v in after[u]):
            return False
        state[u] = 2
        return True

    return 1 if all(acyclic_from(c) for c in range(num_courses)) else 0
