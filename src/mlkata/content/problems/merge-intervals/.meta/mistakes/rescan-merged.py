def merge(intervals):
    merged = []
    for s, e in intervals:
        # absorb every merged interval that overlaps [s, e]: a scan of the whole list each time
        keep = []
        for a, b in merged:
            if a <= e and s <= b:
                s, e = min(s, a), max(e, b)
            else:
                keep.append([a, b])
        keep.append([s, e])
        merged = keep
    return sorted(merged)
