def length_of_lis(nums):
    vals = sorted(set(nums)); rank = {v: i + 1 for i, v in enumerate(vals)}
    tree = [0] * (len(vals) + 1)
    def query(i):
        r = 0
        while i > 0: r = max(r, tree[i]); i -= i & -i
        return r
    def update(i, v):
        while i < len(tree): tree[i] = max(tree[i], v); i += i & -i
    best = 0
    for x in nums:
        cur = query(rank[x] - 1) + 1
        update(rank[x], cur); best = max(best, cur)
    return best
