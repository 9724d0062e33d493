"""Cases for `kmeans-plus-plus`: statistical, with fixed seeds.

A run hook calls the candidate R times with one seeded Generator and records which data
point each returned centre is (rows are matched exactly). The check hook computes the exact
k-means++ probability of every ordered choice (first uniform over rows, then ∝ D² to the
nearest chosen centre; duplicated rows pooled) in float64 and accepts when no returned row
is foreign, no point is chosen twice, and the chi-square statistic over all ordered choices
stays below df + 8·sqrt(2·df) + 25, choices expected fewer than 5 times being pooled into
one cell (a correct sampler exceeds it with probability < 1e-9;
the known mistakes exceed it many times over).
"""

import itertools
import math

import numpy as np

from mlkata.judge.spec import Case

# bound when the sandbox loads this module, before the submission runs: a submission that
# monkeypatches numpy/torch cannot change how the run hooks compare its answers
_array_equal = np.array_equal


def _ids(X):
    """Id of each row = index of its first identical row."""
    ids = np.arange(len(X))
    for i in range(len(X)):
        same = np.flatnonzero((X == X[i]).all(axis=1))
        ids[i] = same[0]
    return ids


def run_many(entry, case):
    X, k = case.args
    d = case.data
    rng = np.random.default_rng(d["seed"])
    ids = _ids(X)
    seen = {}
    foreign = repeats = 0
    for _ in range(d["runs"]):
        C = np.asarray(entry(X.copy(), k, rng))
        if C.shape != (k, X.shape[1]):
            raise ValueError(f"expected centroids of shape {(k, X.shape[1])}, got {C.shape}")
        picks = []
        for c in C:
            hit = np.flatnonzero((X == c).all(axis=1))
            picks.append(int(ids[hit[0]]) if hit.size else -1)
        if -1 in picks:
            foreign += 1
            continue
        if len(set(picks)) < k:
            repeats += 1
            continue
        seen[tuple(picks)] = seen.get(tuple(picks), 0) + 1
    # dense frequencies of every ordered choice of point ids: comparable between samplers
    freq = np.zeros((len(X),) * k)
    for t, c in seen.items():
        freq[t] = c / d["runs"]
    return {"frequencies": freq, "runs returning a non-data row": foreign,
            "runs choosing a point twice": repeats}


def run_reproducible(entry, case):
    """Pairs of calls with equally seeded Generators and NumPy's global state disturbed in between."""
    X, k = case.args
    differ = 0
    for r in range(case.data["pairs"]):
        np.random.seed(1000 + r)
        first = np.asarray(entry(X.copy(), k, np.random.default_rng(case.data["seed"] + r)))
        np.random.seed(5000 + r)
        np.random.rand(7)
        second = np.asarray(entry(X.copy(), k, np.random.default_rng(case.data["seed"] + r)))
        differ += not (first.shape == second.shape and _array_equal(first, second))
    # only the count travels back: a random answer is compared with nothing else
    return {"pairs that differ": int(differ)}


def check_reproducible(case, got, ctx):
    if not isinstance(got, dict) or "pairs that differ" not in got:
        return "the run returned nothing to check"
    if got["pairs that differ"]:
        return (f"{got['pairs that differ']} of {case.data['sandbox']['pairs']} pairs of calls with identically "
                f"seeded generators returned different centres: take all randomness from `rng`, not from "
                f"NumPy's global state (np.random.*) or another source")
    return None


def exact_probs(X, k):
    """P(ordered choice of distinct point ids) under k-means++."""
    N = len(X)
    ids = _ids(X)
    D2 = ((X[:, None, :].astype(np.float64) - X[None, :, :]) ** 2).sum(-1)   # (N, N)
    out = {}

    def rec(chosen_rows, prob, d2):
        if len(chosen_rows) == k:
            key = tuple(int(ids[r]) for r in chosen_rows)
            out[key] = out.get(key, 0.0) + prob
            return
        total = d2.sum()
        for j in range(N):
            if d2[j] > 0:
                rec(chosen_rows + [j], prob * d2[j] / total, np.minimum(d2, D2[j]))

    for i in range(N):
        rec([i], 1.0 / N, D2[i].copy())
    return out


def check_dist(case, got, ctx):
    if not isinstance(got, dict) or "frequencies" not in got:
        return "the run returned nothing to check"
    if got["runs returning a non-data row"]:
        return (f"{got['runs returning a non-data row']} runs returned a centre that is not a row of X: "
                f"return copies of the chosen points")
    if got["runs choosing a point twice"]:
        return (f"{got['runs choosing a point twice']} of {case.data['sandbox']['runs']} runs chose the same "
                f"point twice: each next centre is drawn ∝ D², and a chosen point has D = 0")
    probs = case.data["probs"]
    runs = case.data["sandbox"]["runs"]
    freq = np.asarray(got["frequencies"], dtype=np.float64)
    counts = {tuple(int(i) for i in t): int(round(freq[t] * runs)) for t in zip(*np.nonzero(freq))}
    impossible = [t for t in counts if t not in probs]
    if impossible:
        return f"the ordered choice {impossible[0]} (point ids) has probability 0 under k-means++ but was drawn"
    keys = [t for t in probs if runs * probs[t] >= 5]
    rare = [t for t in probs if runs * probs[t] < 5]
    obs = [counts.get(t, 0) for t in keys]
    exp = [runs * probs[t] for t in keys]
    if rare:  # pool the rare choices: chi-square needs expected counts of at least ~5 per cell
        keys.append("any rarer choice")
        obs.append(sum(counts.get(t, 0) for t in rare))
        exp.append(runs * sum(probs[t] for t in rare))
    obs, exp = np.array(obs, dtype=np.float64), np.array(exp)
    df = max(len(keys) - 1, 1)
    chi2 = float(((obs - exp) ** 2 / exp).sum())
    limit = df + 8 * math.sqrt(2 * df) + 25
    if chi2 > limit:
        w = int(np.argmax((obs - exp) ** 2 / exp))
        return (f"the choices do not follow k-means++ (first uniform, then ∝ D² to the nearest chosen centre): "
                f"chi-square {chi2:.0f} > {limit:.0f} (df {df}); e.g. centres {keys[w]} (point ids) were drawn "
                f"{int(obs[w])} times where {exp[w]:.0f} were expected")
    return None


def case(name, X, k, runs=2000, seed=0, tier="core", why=None):
    X = np.asarray(X, dtype=np.float64)
    return Case(name, args=(X, k), run="run_many", check="check_dist", tier=tier, why=why,
                data={"probs": exact_probs(X, k), "sandbox": {"runs": runs, "seed": seed}},
                summary=f"X{list(X.shape)} float64, k={k}, {runs} calls with one seeded Generator")


POINTS = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.5], [4.0, 4.0], [5.0, 4.0], [9.0, 0.0]]


def generate():
    yield case("two centres on six points", POINTS, 2,
               why="first centre uniform, second ∝ D² (not ∝ D, not the farthest point)")
    yield case("three centres on six points", POINTS, 3, seed=1,
               why="D is the distance to the nearest of *all* chosen centres, not only the last one")
    yield case("four centres on five points", POINTS[:5], 4, seed=2,
               why="chosen points have D = 0: no point is chosen twice, and D is updated after every pick")
    yield Case("same generator, same centres", args=(np.asarray(POINTS, dtype=np.float64), 3),
               run="run_reproducible", check="check_reproducible",
               data={"sandbox": {"pairs": 20, "seed": 7}}, summary="X[6, 2] float64, k=3, 20 pairs of calls",
               why="all randomness comes from `rng`: two generators seeded alike give the same centres, "
                   "whatever NumPy's global random state is")
    # -- edge ---------------------------------------------------------------------------------
    yield case("k = 1", POINTS, 1, runs=1500, seed=3, tier="edge", why="one centre: uniform over the points")
    yield case("duplicated points", [[0.0, 0.0], [0.0, 0.0], [2.0, 0.0], [2.0, 1.0], [7.0, 7.0]], 3, seed=4,
               tier="edge", why="a copy of a chosen point has D = 0 too: it is never chosen as another centre")
    yield case("3-D points, k = N", [[0, 0, 0], [1, 0, 0], [0, 3, 0], [0, 0, 2.5], [3, 3, 3]], 5, seed=5,
               tier="edge", why="k = N: every point is chosen once, in a D²-weighted order")
