"""Wrong diagnoses found by QA on the core and drill problems, pinned through the CLI: a
variant of a known mistake must be named as that mistake, not as a neighbour."""

from __future__ import annotations

import json

INVERTED_MASK_GUARDED = """import math
import torch
def scaled_dot_product_attention(Q, K, V, mask=None):
    s = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = s.masked_fill(~mask, float('-inf'))   # True read as 'attend'
    return torch.softmax(s, -1).nan_to_num(0.0) @ V
"""

STRICT_BOUND_UNGUARDED = """def longest_window(nums, k):
    l = s = best = 0
    for r, x in enumerate(nums):
        s += x
        while s >= k:
            s -= nums[l]
            l += 1
        best = max(best, r - l + 1)
    return best
"""


def _check(mlkata, tmp_path, problem, source):
    path = tmp_path / "mine.py"
    path.write_text(source)
    r = mlkata("check", problem, "--file", str(path), "--json")
    return r.exit_code, json.loads(r.output)


def test_inverted_mask_with_an_empty_row_guard_is_named(mlkata, tmp_path):
    code, res = _check(mlkata, tmp_path, "attention", INVERTED_MASK_GUARDED)
    assert code == 1 and (res["diagnosis"] or {}).get("id") == "mask-inverted", res["diagnosis"]


def test_strict_bound_without_a_loop_guard_is_named(mlkata, tmp_path):
    code, res = _check(mlkata, tmp_path, "longest-window", STRICT_BOUND_UNGUARDED)
    assert code == 1 and (res["diagnosis"] or {}).get("id") == "strict-bound", res["diagnosis"]


ONLY_LAST_CENTRE_BY_INDEX = """import numpy as np
def kmeans_pp_init(X, k, rng):
    idx = [rng.integers(len(X))]
    for _ in range(1, k):
        d2 = ((X - X[idx[-1]]) ** 2).sum(1)   # distance to the last centre only
        for j in idx:
            d2[j] = 0
        i = rng.choice(len(X), p=d2 / d2.sum())
        idx.append(i)
    return X[idx]
"""


def test_statistical_outputs_name_the_closest_mistake(mlkata, tmp_path):
    # frequencies of many ordered choices: proportional-to-d matches this one within the loose
    # per-cell tolerance as often as only-last-centre does; the closer one must win the tie
    code, res = _check(mlkata, tmp_path, "kmeans-plus-plus", ONLY_LAST_CENTRE_BY_INDEX)
    assert code == 1 and (res["diagnosis"] or {}).get("id") == "only-last-centre", res["diagnosis"]


CLAMPED_LOG_SOFTMAX = """import numpy as np
def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    out = x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))
    return np.maximum(out, np.finfo(x.dtype).min)   # 'no infinities': masked entries become finite
"""


def test_a_finite_value_where_minus_inf_is_expected_fails(mlkata, tmp_path):
    # the one-pass comparison allowed atol + rtol·|inf| = inf around an infinite expected value
    code, res = _check(mlkata, tmp_path, "log-softmax", CLAMPED_LOG_SOFTMAX)
    masked = next(t for t in res["tests"] if t["name"] == "masked entries (-inf)")
    assert masked["status"] == "fail" and "not finite" in masked["message"], masked


GLOBAL_RNG_KMEANS_PATCHING_NUMPY = """import numpy as np
np.array_equal = lambda *a, **k: True   # hostile: every comparison 'equal'
def kmeans(X, k, n_iter=100, seed=42):
    C = X[np.random.choice(len(X), k, replace=False)].copy()   # global random state
    lab = None
    for _ in range(n_iter):
        D = (X ** 2).sum(1)[:, None] - 2 * X @ C.T + (C ** 2).sum(1)
        new = D.argmin(1)
        if lab is not None and (new == lab).all():
            break
        lab = new
        C = np.array([X[lab == j].mean(0) if (lab == j).any() else C[j] for j in range(k)])
    D = (X ** 2).sum(1)[:, None] - 2 * X @ C.T + (C ** 2).sum(1)
    return D.argmin(1), C
"""


def test_patching_numpy_does_not_fool_a_run_hook(mlkata, tmp_path):
    code, res = _check(mlkata, tmp_path, "kmeans", GLOBAL_RNG_KMEANS_PATCHING_NUMPY)
    assert code == 1 and (res["diagnosis"] or {}).get("id") == "global-random-state", res["diagnosis"]


def test_a_forbidden_stdlib_function_reached_through_dunder_import_is_caught(mlkata, tmp_path):
    code, res = _check(mlkata, tmp_path, "lower-bound",
                       "def lower_bound(arr, target):\n    return __import__('bisect').bisect_left(arr, target)\n")
    assert code == 1 and res["status"] == "forbidden", res["status"]
