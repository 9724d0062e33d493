def two_sum(nums, target):
    seen = {}  # value -> index where it was seen: O(1) lookup of the missing partner
    for j, x in enumerate(nums):
        # look the partner up *before* storing x, so an entry is never paired with itself
        i = seen.get(target - x)
        if i is not None:
            return [i, j]
        seen[x] = j  # a later duplicate overwrites: harmless, any earlier index still pairs
    return []  # unreachable for valid inputs: exactly one pair exists
