def can_finish(num_courses, prerequisites):
    after = [[] for _ in range(num_courses)]
    for a, b in prerequisites:
        after[b].append(a)
    visited = set()

    def dfs(u):
        if u in visited:  # reached again by another path is NOT a cycle (a diamond)
            return False
        visited.add(u)
        return all(dfs(v) for v in after[u])

    return all(dfs(c) for c in range(num_courses) if c not in visited)
