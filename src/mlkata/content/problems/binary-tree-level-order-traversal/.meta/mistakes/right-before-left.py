from collections import deque


def level_order(root):
    if root is None:
        return []
    out, queue = [], deque([root])
    while queue:
        level = []
        for _ in range(len(queue)):
            node = queue.popleft()
            level.append(node.val)
            for child in (node.right, node.left):  # right first: each level comes out mirrored
                if child:
                    queue.append(child)
        out.append(level)
    return out
