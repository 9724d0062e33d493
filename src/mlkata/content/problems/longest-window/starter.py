def longest_window(nums, k):
    """Length of the longest contiguous window of the non-negative `nums` with sum <= k."""
    # TODO: expand r; while the window sum exceeds k, drop nums[l] and advance l
    raise NotImplementedError
