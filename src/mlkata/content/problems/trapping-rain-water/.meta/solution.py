def trap(height):
    lo, hi = 0, len(height) - 1
    left_max = right_max = 0  # tallest bar seen so far from each end
    water = 0
    while lo < hi:
        # the lower end is the binding one: its side's max is the min of the two maxima
        if height[lo] < height[hi]:
            left_max = max(left_max, height[lo])
            water += left_max - height[lo]  # >= 0: left_max includes this bar
            lo += 1
        else:
            right_max = max(right_max, height[hi])
            water += right_max - height[hi]
            hi -= 1
    return water
