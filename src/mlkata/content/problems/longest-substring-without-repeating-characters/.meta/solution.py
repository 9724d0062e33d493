def length_of_longest_substring(s):
    last = {}  # character -> index of its latest occurrence
    best = 0
    l = 0  # the window s[l : r + 1] holds no repeat
    for r, c in enumerate(s):
        # a repeat inside the window: move l just past its earlier copy (never backwards)
        if last.get(c, -1) >= l:
            l = last[c] + 1
        last[c] = r
        # the window is valid again: record its length
        best = max(best, r - l + 1)
    return best
