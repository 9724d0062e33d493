# expect: none
# runs the cycle search only from course 0, so a cycle in a part of the graph not reachable from 0 is missed
def can_finish(num_courses, prerequisites):
    adj = [[] for _ in range(num_courses)]
    for a, b in prerequisites:
        adj[b].append(a)
    WHITE, GREY, BLACK = 0, 1, 2
    color = [WHITE] * num_courses

    def dfs(u):
        color[u] = GREY
        for w in adj[u]:
            if color[w] == GREY:
                return False
            if color[w] == WHITE and not dfs(w):
                return False
        color[u] = BLACK
        return True

    return dfs(0)
