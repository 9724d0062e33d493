"""Kahn's algorithm with a NumPy in-degree array, returning a NumPy boolean."""

import numpy as np


def can_finish(num_courses, prerequisites):
    indeg = np.zeros(num_courses, dtype=np.int64)     # (V,) prerequisites not yet taken
    after = [[] for _ in range(num_courses)]          # b -> courses that need b
    for a, b in prerequisites:
        after[b].append(a)
        indeg[a] += 1
    ready = list(np.flatnonzero(indeg == 0))          # courses with nothing left to wait for
    taken = 0
    while ready:
        u = ready.pop()
        taken += 1
        for v in after[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
    return np.bool_(taken == num_courses)             # a cycle leaves some course never ready
