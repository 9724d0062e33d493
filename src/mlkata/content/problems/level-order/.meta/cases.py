"""Cases for the level-order drill. Oracle: a recursive walk that files each value under its
depth (depth-first, children left to right)."""

import random

from mlkata.judge.spec import Case


def oracle(root):
    out = []

    def walk(node, depth):
        value, children = node
        if depth == len(out):
            out.append([])
        out[depth].append(value)
        for child in children:
            walk(child, depth + 1)

    if root is not None:
        walk(root, 0)
    return out


def case(name, root, why=None):
    return Case(name, args=(root,), expected=oracle(root), why=why)


def random_tree(n, rng):
    nodes = [[0, []]]
    for v in range(1, n):
        child = [v, []]
        rng.choice(nodes)[1].append(child)
        nodes.append(child)

    def freeze(node):
        return (node[0], [freeze(c) for c in node[1]])

    return freeze(nodes[0])


def generate():
    rng = random.Random(9)
    yield case("example", (1, [(2, []), (3, [(5, []), (6, [])]), (4, [])]))
    yield case("empty tree", None, why="None: return []")
    yield case("single node", (7, []))
    yield case("deep on the left", (1, [(2, [(4, [(8, [])])]), (3, [])]),
               why="a stack would visit 3 before 4's level is complete")
    yield case("wide", (0, [(k, []) for k in range(1, 9)]))
    yield case("random, 40 nodes", random_tree(40, rng))
    yield case("random, 300 nodes", random_tree(300, rng))
