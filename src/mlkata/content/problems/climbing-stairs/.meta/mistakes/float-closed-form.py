import math


def climb(n):
    # Binet's formula in floating point: exact only while phi ** (n + 1) fits in 53 bits
    r5 = math.sqrt(5)
    return int(round(((1 + r5) / 2) ** (n + 1) / r5))
