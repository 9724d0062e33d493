from heapq import *


class MedianFinder:
    def __init__(self):
        self.lo, self.hi = [], []  # lo: max-heap (negated), hi: min-heap; len(hi) >= len(lo)

    def addNum(self, num):
        if len(self.lo) == len(self.hi):
            heappush(self.hi, -heappushpop(self.lo, -num))
        else:
            heappush(self.lo, -heappushpop(self.hi, num))

    def findMedian(self):
        if len(self.hi) > len(self.lo):
            return self.hi[0]  # an int: LeetCode compares numbers by value
        return (self.hi[0] - self.lo[0]) * 0.5
