import heapq


class MedianFinder:
    def __init__(self):
        self.low = []   # lower half as a max-heap (values negated: heapq is a min-heap)
        self.high = []  # upper half as a min-heap
        # invariant: every low <= every high, and len(low) == len(high) or len(high) + 1

    def addNum(self, num):
        # through low first, so the largest of the lower half moves up if it belongs there
        heapq.heappush(self.low, -num)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        # rebalance: low keeps the extra element when the count is odd
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def findMedian(self):
        if len(self.low) > len(self.high):
            return float(-self.low[0])  # odd count: the top of the lower half
        return (-self.low[0] + self.high[0]) / 2  # even count: mean of the two middles
