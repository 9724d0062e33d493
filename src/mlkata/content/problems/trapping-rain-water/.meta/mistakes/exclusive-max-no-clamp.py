def trap(height):
    n = len(height)
    left, right = [0] * n, [0] * n
    for i in range(1, n):
        left[i] = max(left[i - 1], height[i - 1])  # tallest STRICTLY to the left
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], height[i + 1])
    # a bar taller than both neighbours' maxima adds a negative amount
    return sum(min(left[i], right[i]) - height[i] for i in range(n))
