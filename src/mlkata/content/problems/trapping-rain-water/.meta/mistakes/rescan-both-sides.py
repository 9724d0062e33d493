def trap(height):
    water = 0
    for i in range(len(height)):
        # tallest bar on each side, found again for every position: O(n) each
        water += min(max(height[:i + 1]), max(height[i:])) - height[i]
    return water
