def length_of_longest_substring(s):
    best = 0
    for i in range(len(s)):
        seen = set()
        clean = True
        for j in range(i, len(s)):  # keeps going after the first repeat
            if s[j] in seen:
                clean = False
            seen.add(s[j])
            if clean:
                best = max(best, j - i + 1)
    return best
