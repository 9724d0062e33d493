def levels(root):
    out, cur = [], [root] if root is not None else []
    while cur:
        out.append([v for v, _ in cur])
        cur = [c for _, ch in cur for c in ch]
    return out
