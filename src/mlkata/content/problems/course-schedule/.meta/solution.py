from collections import deque


def can_finish(num_courses, prerequisites):
    # edge b -> a for "b before a"; indegree[a] = prerequisites a still waits for
    after = [[] for _ in range(num_courses)]
    indegree = [0] * num_courses
    for a, b in prerequisites:
        after[b].append(a)
        indegree[a] += 1
    # Kahn: start from the courses that wait for nothing
    ready = deque(c for c in range(num_courses) if indegree[c] == 0)
    taken = 0
    while ready:
        c = ready.popleft()
        taken += 1
        # taking c releases one prerequisite of each course after it
        for a in after[c]:
            indegree[a] -= 1
            if indegree[a] == 0:
                ready.append(a)
    # courses on (or behind) a cycle never reach indegree 0
    return taken == num_courses
