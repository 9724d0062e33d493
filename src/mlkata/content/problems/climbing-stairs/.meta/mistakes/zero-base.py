def climb(n):
    ways = [0] * (n + 1)
    ways[0] = 0  # "no steps, no ways": but the empty sequence is one way to stand at 0
    ways[1] = 1
    for i in range(2, n + 1):
        ways[i] = ways[i - 1] + ways[i - 2]
    return ways[n]
