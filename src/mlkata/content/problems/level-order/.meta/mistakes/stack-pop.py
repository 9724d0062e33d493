def levels(root):
    if root is None:
        return []
    out, queue = [], [root]
    while queue:
        level = []
        for _ in range(len(queue)):
            value, children = queue.pop()  # LIFO: takes the newest node, not the oldest
            level.append(value)
            queue.extend(children)
        out.append(level)
    return out
