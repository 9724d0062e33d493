class MedianFinder:
    # SortedList without an import: LeetCode ships sortedcontainers, the prelude provides it
    def __init__(self):
        self.values = SortedList()

    def addNum(self, num: int) -> None:
        self.values.add(num)  # O(log n) amortised

    def findMedian(self) -> float:
        n = len(self.values)
        # the two middles coincide when n is odd
        return (self.values[(n - 1) // 2] + self.values[n // 2]) / 2
