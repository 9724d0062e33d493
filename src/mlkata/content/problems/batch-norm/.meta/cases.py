"""Cases for `BatchNorm1d`. Oracle: torch.nn.BatchNorm1d in float64, same steps, same parameters.

Each case is a sequence of forward calls (train or eval). The run hook builds the
candidate's layer, sets gamma/beta when the case gives them, calls forward on copies of
each batch and records the output and both running statistics after every call.
"""

import numpy as np

from mlkata.judge.spec import Case


def oracle(C, steps, gamma, beta, init):
    import torch  # judge side only: the sandbox loads this module for its run hook

    bn = torch.nn.BatchNorm1d(C, **init).double()
    with torch.no_grad():
        if gamma is not None:
            bn.weight.copy_(torch.from_numpy(gamma))
            bn.bias.copy_(torch.from_numpy(beta))
        out = []
        for x, training in steps:
            bn.train(training)
            y = bn(torch.from_numpy(x))
            out.append({"y": y.numpy().copy(), "running_mean": bn.running_mean.numpy().copy(),
                        "running_var": bn.running_var.numpy().copy()})
    return out


def run_steps(entry, case):
    C, steps, gamma, beta = case.args
    bn = entry(C, **case.kwargs)
    if gamma is not None:
        bn.gamma, bn.beta = gamma.copy(), beta.copy()
    out = []
    for x, training in steps:
        y = bn.forward(x.copy(), training=training)
        # copies: a layer that updates its arrays in place must not rewrite earlier records
        out.append({"y": np.array(y, copy=True), "running_mean": np.array(bn.running_mean, copy=True),
                    "running_var": np.array(bn.running_var, copy=True)})
    return out


def case(name, C, steps, gamma=None, beta=None, init=None, tier="core", why=None):
    init = init or {}
    steps = [(np.asarray(x, dtype=np.float64), bool(t)) for x, t in steps]
    modes = " ".join("train" if t else "eval" for _, t in steps)
    return Case(name, args=(C, steps, gamma, beta), kwargs=init, expected=oracle(C, steps, gamma, beta, init),
                run="run_steps", tier=tier, why=why, dtype="float64",
                summary=f"C={C}, batches {[x.shape[0] for x, _ in steps]}, steps: {modes}"
                        + (f", {init}" if init else ""))


def generate():
    rng = np.random.default_rng(8)
    g = lambda n, C, loc=0.0, scale=1.0: rng.normal(loc, scale, size=(n, C))  # noqa: E731
    yield case("train once, then eval", 3, [(g(8, 3, 2.0, 3.0), True), (g(5, 3), False)],
               why="train: normalise with the batch's biased variance and update the running stats; "
               "eval: use the running stats")
    yield case("several train steps, learned gamma/beta", 4,
               [(g(6, 4, 1.0), True), (g(6, 4, -2.0, 2.0), True), (g(6, 4, 0.5, 0.5), True), (g(3, 4), False)],
               gamma=rng.uniform(0.5, 2.0, 4), beta=rng.normal(size=4),
               why="running_mean/var are exponential moving averages with weight momentum on the new batch")
    yield case("batch of 2", 3, [(g(2, 3, 0.0, 2.0), True), (g(4, 3), False)],
               why="with N = 2 the unbiased variance (stored in running_var) is twice the biased one "
               "(used to normalise)")
    yield case("eval on a fresh layer", 5, [(g(4, 5, 3.0), False)],
               why="before any training the running stats are mean 0, variance 1")
    yield case("momentum 0.3, eps 1e-3", 3, [(g(5, 3, 1.0, 0.1), True), (g(5, 3, -1.0, 0.1), True), (g(4, 3), False)],
               init={"eps": 1e-3, "momentum": 0.3}, why="use the eps and momentum you are given")
    yield case("features on different scales", 3,
               [(g(10, 3) * np.array([1e-3, 1.0, 1e3]), True), (g(4, 3) * np.array([1e-3, 1.0, 1e3]), False)],
               why="each feature has its own statistics, over the batch axis")
    yield case("eval does not touch the running stats", 2,
               [(g(6, 2, 1.0), True), (g(3, 2, 5.0), False), (g(6, 2, -1.0), True), (g(3, 2), False)],
               why="only training steps update running_mean and running_var")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("one sample in eval mode", 4, [(g(8, 4), True), (g(1, 4), False)], tier="edge",
               why="eval needs no batch statistics, so N = 1 works")
    yield case("constant feature", 2, [(np.column_stack([np.full(5, 7.0), g(5, 1)[:, 0]]), True), (g(2, 2), False)],
               tier="edge", why="zero variance: eps keeps the output finite")
