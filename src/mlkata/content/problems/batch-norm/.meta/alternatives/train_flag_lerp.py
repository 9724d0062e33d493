import numpy as np


class BatchNorm1d:
    """BatchNorm1d in numpy with train/eval modes."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        self.C = num_features
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones((num_features,))
        self.beta = np.zeros((num_features,))
        self.running_mean = np.zeros((num_features,))
        self.running_var = np.ones((num_features,))
        self.training = True

    def train(self):
        self.training = True

    def eval(self):
        self.training = False

    def _stats(self, x):
        n = x.shape[0]
        mean = x.sum(0) / n
        sq = ((x - mean[None, :]) ** 2).sum(0)
        return mean, sq / n, sq / (n - 1)

    def forward(self, x: np.ndarray, training: bool | None = None) -> np.ndarray:
        training = self.training if training is None else training
        if training:
            mean, var_b, var_u = self._stats(x)
            self.running_mean = self.running_mean + self.momentum * (mean - self.running_mean)
            self.running_var = self.running_var + self.momentum * (var_u - self.running_var)
            mean_used, var_used = mean, var_b
        else:
            mean_used, var_used = self.running_mean, self.running_var
        return self.gamma * (x - mean_used) * (var_used + self.eps) ** -0.5 + self.beta


if __name__ == "__main__":
    bn = BatchNorm1d(1)
    print(bn.forward(np.array([[1.0], [3.0]])), bn.running_mean, bn.running_var)
