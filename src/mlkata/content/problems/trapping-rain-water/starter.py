def trap(height):
    """Total water held between the bars `height` after rain.

    A LeetCode-style `class Solution: def trap(self, height)` is accepted too.
    """
    # TODO: water at i = min(tallest bar on the left, tallest on the right) - height[i]
    raise NotImplementedError
