def climb(n):
    if n <= 2:
        return n
    return climb(n - 1) + climb(n - 2)  # recomputes the same subproblems: exponential time
