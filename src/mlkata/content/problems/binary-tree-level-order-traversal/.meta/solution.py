from collections import deque


def level_order(root):
    if root is None:
        return []  # an empty tree has no levels
    out = []
    queue = deque([root])  # FIFO: nodes come out in the order they were discovered
    while queue:
        level = []
        # exactly the nodes of the current level are in the queue now: take that many
        for _ in range(len(queue)):
            node = queue.popleft()
            level.append(node.val)
            # children join the back of the queue: they form the next level, left first
            if node.left:
                queue.append(node.left)
            if node.right:
                queue.append(node.right)
        out.append(level)
    return out
