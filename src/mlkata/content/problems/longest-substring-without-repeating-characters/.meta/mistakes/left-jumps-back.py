def length_of_longest_substring(s):
    last = {}
    best = l = 0
    for r, c in enumerate(s):
        if c in last:
            l = last[c] + 1  # may move l backwards, past a repeat already excluded
        last[c] = r
        best = max(best, r - l + 1)
    return best
