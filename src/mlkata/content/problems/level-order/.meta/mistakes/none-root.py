from collections import deque


def levels(root):
    out, queue = [], deque([root])  # an empty tree puts None in the queue
    while queue:
        level = []
        for _ in range(len(queue)):
            value, children = queue.popleft()
            level.append(value)
            queue.extend(children)
        out.append(level)
    return out
