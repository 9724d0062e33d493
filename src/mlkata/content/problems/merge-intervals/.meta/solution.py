def merge(intervals):
    out = []
    # by start: an interval can then only overlap the last merged one
    for start, end in sorted(intervals, key=lambda iv: iv[0]):
        if out and start <= out[-1][1]:
            # overlaps (or touches) the last one: extend it, never shrink it
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])  # a gap before it: a new merged interval
    return out
