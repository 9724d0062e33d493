def level_order(root):
    """[[values at depth 0], [values at depth 1], ...], each level left to right; [] if root is None.

    `root` is a TreeNode (val, left, right). A LeetCode-style
    `class Solution: def levelOrder(self, root)` is accepted too.
    """
    # TODO: breadth-first search, one level at a time
    raise NotImplementedError
