"""LeetCode's Python 3 environment: what a pasted solution may use without importing it.

LeetCode runs solutions after a preamble that star-imports the common standard library modules
(``typing``, ``collections``, ``heapq``, ``bisect``, ``math``, ``random``, ``itertools``,
``functools``, ``operator``, ``string``, ``re`` ...: ``List``, ``deque``, ``heappush``, ``xor``,
``hypot``, ``choice`` ...) and defines the ``TreeNode`` / ``ListNode`` classes. ``globals_for_submission()`` returns those
names; run hooks build trees and lists with the same classes (``build_tree``, ``tree_to_list``).
"""

from __future__ import annotations

import bisect
import collections
import copy
import functools
import heapq
import itertools
import math
import operator
import random
import re
import string
import sys
import typing
from typing import Any


class TreeNode:
    """A binary tree node as LeetCode defines it."""

    def __init__(self, val: Any = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self) -> str:
        # level-order with None, LeetCode's own serialisation; iterative so deep trees print too
        items = tree_to_list(self)
        text = ", ".join("null" if v is None else repr(v) for v in items[:20])
        return f"TreeNode([{text}{', ...' if len(items) > 20 else ''}])"


class ListNode:
    """A singly linked list node as LeetCode defines it."""

    def __init__(self, val: Any = 0, next: "ListNode | None" = None):  # noqa: A002 - LeetCode's name
        self.val = val
        self.next = next

    def __repr__(self) -> str:
        vals, node = [], self
        while node is not None and len(vals) <= 20:
            vals.append(repr(node.val))
            node = node.next
        return "ListNode(" + " -> ".join(vals[:20]) + (" -> ..." if len(vals) > 20 else "") + ")"


def build_tree(values: list) -> TreeNode | None:
    """A tree from LeetCode's level-order list, where None marks a missing child."""
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue = collections.deque([root])
    i = 1
    while queue and i < len(values):
        node = queue.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = TreeNode(values[i])
                setattr(node, side, child)
                queue.append(child)
            i += 1
    return root


def tree_to_list(root: TreeNode | None) -> list:
    """LeetCode's level-order serialisation (trailing Nones dropped)."""
    out: list = []
    queue = collections.deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def build_list(values: list) -> ListNode | None:
    head = None
    for v in reversed(values):
        head = ListNode(v, head)
    return head


# LeetCode's Python 3 preamble star-imports these modules, in this order (later names win), then
# the builtins (so `pow`, `abs`, `compile`, `open` are the builtins, not math's or io's), and also
# binds the module names themselves; see docs/algorithms.md, "LeetCode's Python 3 environment"
STAR_MODULES = ("string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random",
                "statistics", "itertools", "functools", "operator", "json", "typing")
MODULE_NAMES = ("string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random",
                "statistics", "itertools", "functools", "operator", "json", "typing", "sys")
# of `from sys import *` only what solutions use bare (not the interpreter's hooks and streams)
SYS_NAMES = ("setrecursionlimit", "getrecursionlimit", "maxsize", "getsizeof", "intern")
# LeetCode names left out because they equal an entry point of the bank (heapq's `merge`, re's
# `search`): the child would call them when a file lacks its own entry, and tell a confusing
# story; tests/test_algorithms.py keeps this list complete
NOT_PROVIDED = frozenset({"merge", "search"})


def _star(module) -> dict[str, Any]:
    """What `from module import *` binds."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return {n: getattr(module, n) for n in names if hasattr(module, n)}


def globals_for_submission() -> dict[str, Any]:
    import builtins
    import importlib

    names: dict[str, Any] = {}
    for name in STAR_MODULES:
        names.update(_star(importlib.import_module(name)))
    names.update({n: getattr(sys, n) for n in SYS_NAMES})
    for name in MODULE_NAMES:
        names[name] = importlib.import_module(name)
    # the builtins come last on LeetCode: never shadow one (the sandbox's builtins stay in force)
    for name in list(names):
        if hasattr(builtins, name) or name in NOT_PROVIDED:
            del names[name]
    names.update(TreeNode=TreeNode, ListNode=ListNode)
    # LeetCode ships sortedcontainers; solutions use SortedList for streaming medians and windows
    try:
        import sortedcontainers

        names.update(SortedList=sortedcontainers.SortedList, SortedDict=sortedcontainers.SortedDict,
                     SortedSet=sortedcontainers.SortedSet, SortedKeyList=sortedcontainers.SortedKeyList)
    except ImportError:  # pragma: no cover - a dependency of the package
        pass
    return names
