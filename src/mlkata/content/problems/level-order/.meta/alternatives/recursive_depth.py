def levels(root):
    res = []
    def go(node, d):
        if node is None: return
        value, children = node
        if d == len(res): res.append([])
        res[d].append(value)
        for c in children: go(c, d + 1)
    go(root, 0)
    return res
