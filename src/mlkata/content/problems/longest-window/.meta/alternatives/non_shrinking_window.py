# the non-shrinking window: its length only grows, so len(nums) - l is the best length
def longest_window(nums, k):
    l = 0; s = 0
    for r, x in enumerate(nums):
        s += x
        if s > k:
            s -= nums[l]; l += 1
    return len(nums) - l
