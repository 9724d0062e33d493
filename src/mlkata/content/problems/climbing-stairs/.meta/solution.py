def climb(n):
    # ways[i]: move sequences that end exactly on step i
    ways = [0] * (n + 1)
    ways[0] = 1  # standing at the bottom: one (empty) sequence
    ways[1] = 1  # one single step
    for i in range(2, n + 1):
        # the last move came from step i - 1 (a 1-step) or from i - 2 (a 2-step)
        ways[i] = ways[i - 1] + ways[i - 2]
    return ways[n]
