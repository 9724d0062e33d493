def level_order(root):
    def height(node):
        return 0 if node is None else 1 + max(height(node.left), height(node.right))

    def collect(node, depth, level):
        # walks down from the root again for every depth: O(n·h)
        if node is None:
            return
        if depth == 0:
            level.append(node.val)
            return
        collect(node.left, depth - 1, level)
        collect(node.right, depth - 1, level)

    out = []
    for d in range(height(root)):
        level = []
        collect(root, d, level)
        out.append(level)
    return out
