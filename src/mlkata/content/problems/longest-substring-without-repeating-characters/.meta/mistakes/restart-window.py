def length_of_longest_substring(s):
    seen = set()
    best = 0
    for c in s:
        if c in seen:
            seen = set()  # throws away the characters after the earlier copy too
        seen.add(c)
        best = max(best, len(seen))
    return best
