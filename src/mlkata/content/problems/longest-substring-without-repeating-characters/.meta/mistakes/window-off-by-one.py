def length_of_longest_substring(s):
    last = {}
    best = l = 0
    for r, c in enumerate(s):
        if last.get(c, -1) >= l:
            l = last[c] + 1
        last[c] = r
        best = max(best, r - l)  # the window [l, r] holds r - l + 1 characters
    return best
