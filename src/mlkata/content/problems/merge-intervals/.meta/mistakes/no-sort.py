def merge(intervals):
    out = []
    for start, end in intervals:  # assumes the input is already sorted by start
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
