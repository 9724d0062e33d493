from collections import deque


def levels(root):
    if root is None:
        return []
    out, queue = [], deque([root])
    while queue:
        value, children = queue.popleft()  # no round per level: every node becomes its own level
        out.append([value])
        queue.extend(children)
    return out
