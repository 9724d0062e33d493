# pasted with the LeetCode comment block uncommented: its own TreeNode shadows the provided one
from typing import List, Optional
from collections import deque

class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

class Solution:
    def levelOrder(self, root: Optional[TreeNode]) -> List[List[int]]:
        if root is None:
            return []
        out, q = [], deque([root])
        while q:
            out.append([n.val for n in q])
            for _ in range(len(q)):
                n = q.popleft()
                if n.left is not None: q.append(n.left)
                if n.right is not None: q.append(n.right)
        return out
