from collections import deque


def levels(root):
    """Values of the tree `root` = (value, [children]) level by level; [] when root is None."""
    # TODO: queue = deque([root]); each round pops exactly len(queue) nodes
    raise NotImplementedError
