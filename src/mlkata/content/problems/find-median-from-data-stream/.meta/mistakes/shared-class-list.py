import bisect


class MedianFinder:
    data = []  # a class attribute: shared by every MedianFinder ever created

    def addNum(self, num):
        bisect.insort(self.data, num)

    def findMedian(self):
        n = len(self.data)
        return self.data[n // 2] if n % 2 else (self.data[n // 2 - 1] + self.data[n // 2]) / 2
