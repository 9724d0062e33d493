class MedianFinder:

    def __init__(self):
        self.data: List[int] = []

    def addNum(self, num: int) -> None:
        insort(self.data, num)  # O(n) memmove, fast in practice

    def findMedian(self) -> float:
        n = len(self.data)
        mid = n // 2
        return self.data[mid] if n % 2 else (self.data[mid - 1] + self.data[mid]) / 2
