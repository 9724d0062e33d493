from collections import deque


def levels(root):
    if root is None:
        return []  # nothing to visit
    out = []
    queue = deque([root])  # FIFO: discovery order = level order
    while queue:
        level = []
        # the queue holds exactly one level now: pop that many nodes
        for _ in range(len(queue)):
            value, children = queue.popleft()
            level.append(value)
            queue.extend(children)  # the next level, in left-to-right order
        out.append(level)
    return out
