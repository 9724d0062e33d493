"""Cases for LC 102. Trees travel as LeetCode level-order lists and are built into TreeNode by
the run hook, in the sandbox. Oracle: an iterative pre-order walk (left before right) that
files each value under its depth (a DFS, unlike the BFS reference)."""

import random

from mlkata.judge.complexity import check_growth, measure  # noqa: F401 - check hook by name
from mlkata.judge.preludes.leetcode import TreeNode, build_tree, tree_to_list
from mlkata.judge.spec import Case


def oracle(values):
    root = build_tree(values)
    levels, stack = [], [(root, 0)] if root else []
    while stack:
        node, d = stack.pop()
        if d == len(levels):
            levels.append([])
        levels[d].append(node.val)
        for child in (node.right, node.left):  # left popped first
            if child:
                stack.append((child, d + 1))
    return levels


def run_tree(entry, case):
    return entry(build_tree(case.args[0]))


def case(name, values, why=None, summary=None):
    return Case(name, args=(values,), expected=oracle(values), run="run_tree", why=why,
                summary=summary or (repr(values) if len(values) <= 12 else f"tree of {sum(v is not None for v in values)} nodes"))


def random_tree(n, rng):
    root = TreeNode(rng.randint(-1000, 1000))
    nodes = [root]
    while len(nodes) < n:
        parent = rng.choice(nodes)
        side = rng.choice(("left", "right"))
        if getattr(parent, side) is None:
            child = TreeNode(rng.randint(-1000, 1000))
            setattr(parent, side, child)
            nodes.append(child)
    return tree_to_list(root)


def caterpillar(n, rng):
    """A spine of n/2 nodes going right, each with a left leaf: height n/2."""
    root = node = TreeNode(0)
    for k in range(1, n // 2):
        node.left = TreeNode(rng.randint(0, 99))
        node.right = TreeNode(k)
        node = node.right
    return root


# LeetCode 102: 0 to 2000 nodes, values in -1000..1000
def constraints(case):
    (values,) = case.args
    nodes = [v for v in values if v is not None]
    if len(nodes) > 2000:
        return f"{len(nodes)} nodes > 2000"
    if any(not -1000 <= v <= 1000 for v in nodes):
        return "a value outside -1000..1000"
    return None


def caterpillar_list(n, rng):
    return tree_to_list(caterpillar(n, rng))


def timing_inputs(case):
    rng = random.Random(case.data["sandbox"]["seed"])
    return [(caterpillar_list(n, rng),) for n in case.data["sandbox"]["sizes"]]


def run_growth(entry, case):
    # a fresh tree for every timed call (built outside the timing): a solution that rewires
    # nodes while it walks cannot spoil the next call
    return measure(entry, make=caterpillar_list, call=lambda f, root: f(root),
                   prepare=build_tree, **case.data)


def generate():
    rng = random.Random(102)
    yield case("example", [3, 9, 20, None, None, 15, 7])
    yield case("empty tree", [], why="root is None: return []")
    yield case("one node", [1])
    yield case("left only", [1, 2, None, 3, None, 4])
    yield case("full, 3 levels", [1, 2, 3, 4, 5, 6, 7], why="left to right within each level")
    yield case("gaps", [5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1])
    yield case("negative values", [-1, -2, -3, None, -4])
    yield case("random, 60 nodes", random_tree(60, rng))
    yield case("random, 2000 nodes", random_tree(2000, rng))
    chain = [0]
    for k in range(1, 2000):
        chain += [None, k % 1000]  # every node has only a right child (values within ±1000)
    yield case("chain of 2000 (max depth)", chain, summary="a 2000-node path going right",
               why="2000 levels deep: a recursive solution needs the raised recursion limit")
    sizes = [126, 250, 500, 1000, 2000]
    yield Case("growth: time at n = 126 … 2000", tier="edge", run="run_growth", check="check_growth",
               expected="n", data={"target": "n", "sandbox": {"sizes": sizes, "target": "n", "budget": 1.5, "seed": 6}},
               summary="timing run: path-shaped trees (height n/2)", time_limit=20,
               why="speed: re-walking from the root for each depth is O(n·h); BFS is O(n)")
