def lower_bound(arr, target):
    for i, v in enumerate(arr):  # correct, but looks at every element: O(n) per query
        if v >= target:
            return i
    return len(arr)
