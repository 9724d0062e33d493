def levels(root: Optional[Tuple]) -> List[List[int]]:
    if root is None: return []
    q = deque([(root, 0)]); out = []
    while q:
        (v, ch), d = q.popleft()
        if d == len(out): out.append([])
        out[d].append(v)
        for c in ch: q.append((c, d + 1))
    return out
