from collections import deque


def levels(root):
    if root is None:
        return []
    out, queue = [], deque([root])
    while queue:
        level = []
        for _ in range(len(queue)):
            value, children = queue.popleft()
            level.append(value)
            queue.extend(children[::-1])  # right child first: every level comes out mirrored
        out.append(level)
    return out
