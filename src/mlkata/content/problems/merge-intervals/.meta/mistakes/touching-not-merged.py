def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start < out[-1][1]:  # [1, 4] and [4, 6] touch: they should merge
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
