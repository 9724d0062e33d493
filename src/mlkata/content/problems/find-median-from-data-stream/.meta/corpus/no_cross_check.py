# expect: none
# alternates pushes between the two heaps by size only, never checking that the lower half stays below the upper half
from heapq import heappush, heappop


class MedianFinder:
    def __init__(self):
        self.small = []
        self.large = []

    def addNum(self, num):
        if len(self.small) == len(self.large):
            heappush(self.small, -num)
        else:
            heappush(self.large, num)

    def findMedian(self):
        if len(self.small) > len(self.large):
            return float(-self.small[0])
        return (-self.small[0] + self.large[0]) / 2.0
