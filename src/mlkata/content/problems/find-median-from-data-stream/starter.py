class MedianFinder:
    """Median of a growing collection of numbers."""

    def __init__(self):
        # TODO: two heaps: a max-heap for the lower half, a min-heap for the upper half
        pass

    def addNum(self, num):
        raise NotImplementedError

    def findMedian(self):
        raise NotImplementedError
