def trap(height):
    water = best = 0
    for h in height:
        best = max(best, h)
        water += best - h  # ignores the right side: water "held" past the last tall bar
    return water
