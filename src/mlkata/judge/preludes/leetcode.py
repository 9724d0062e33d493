"""LeetCode's Python 3 environment: what a pasted solution may use without importing it.

LeetCode runs solutions with ``typing`` names (``List``, ``Optional`` ...), the common standard
library modules and their favourite members (``deque``, ``heappush``, ``bisect_left`` ...) and the
``TreeNode`` / ``ListNode`` classes already defined. ``globals_for_submission()`` returns those
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


def globals_for_submission() -> dict[str, Any]:
    names: dict[str, Any] = {
        # typing, as LeetCode's templates use it
        **{n: getattr(typing, n) for n in ("List", "Optional", "Dict", "Tuple", "Set", "Deque", "Any", "Union",
                                           "Callable", "Iterable", "Iterator", "Generator", "DefaultDict",
                                           "FrozenSet", "Sequence")},
        # modules
        "collections": collections, "heapq": heapq, "bisect": bisect, "math": math, "itertools": itertools,
        "functools": functools, "string": string, "re": re, "operator": operator, "random": random,
        "typing": typing,
        # members people use bare
        "deque": collections.deque, "defaultdict": collections.defaultdict, "Counter": collections.Counter,
        "OrderedDict": collections.OrderedDict, "namedtuple": collections.namedtuple,
        "heappush": heapq.heappush, "heappop": heapq.heappop, "heapify": heapq.heapify,
        "heappushpop": heapq.heappushpop, "heapreplace": heapq.heapreplace,
        "nlargest": heapq.nlargest, "nsmallest": heapq.nsmallest,
        "bisect_left": bisect.bisect_left, "bisect_right": bisect.bisect_right, "insort": bisect.insort,
        "insort_left": bisect.insort_left, "insort_right": bisect.insort_right,
        "lru_cache": functools.lru_cache, "cache": functools.cache, "reduce": functools.reduce,
        "cmp_to_key": functools.cmp_to_key,
        "accumulate": itertools.accumulate, "permutations": itertools.permutations,
        "combinations": itertools.combinations, "product": itertools.product, "chain": itertools.chain,
        "groupby": itertools.groupby, "pairwise": itertools.pairwise, "zip_longest": itertools.zip_longest,
        "inf": math.inf, "gcd": math.gcd, "comb": math.comb, "sqrt": math.sqrt, "ceil": math.ceil,
        "floor": math.floor, "log2": math.log2,
        "ascii_lowercase": string.ascii_lowercase, "ascii_uppercase": string.ascii_uppercase,
        "digits": string.digits,
        "TreeNode": TreeNode, "ListNode": ListNode,
        # more of what LeetCode's Python 3 preamble makes available without an import
        "sys": sys, "copy": copy, "deepcopy": copy.deepcopy,
        "isqrt": math.isqrt, "log": math.log, "log10": math.log10, "exp": math.exp, "prod": math.prod,
        "factorial": math.factorial, "lcm": math.lcm, "pi": math.pi,
        "islice": itertools.islice, "count": itertools.count, "cycle": itertools.cycle,
        "repeat": itertools.repeat, "starmap": itertools.starmap, "takewhile": itertools.takewhile,
        "dropwhile": itertools.dropwhile, "compress": itertools.compress,
        "partial": functools.partial, "total_ordering": functools.total_ordering,
        "ascii_letters": string.ascii_letters,
    }
    # LeetCode ships sortedcontainers; solutions use SortedList for streaming medians and windows
    try:
        import sortedcontainers

        names.update(SortedList=sortedcontainers.SortedList, SortedDict=sortedcontainers.SortedDict,
                     SortedSet=sortedcontainers.SortedSet)
    except ImportError:  # pragma: no cover - a dependency of the package
        pass
    return names
