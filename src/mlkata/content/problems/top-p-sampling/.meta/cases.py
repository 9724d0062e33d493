"""Cases for `top-p-sampling`: statistical, with fixed seeds.

A run hook seeds torch's global generator, calls the candidate n times on the same logits and
returns the empirical frequencies. The check hook (judge side) computes the nucleus exactly
in float64 and accepts when no sample falls outside it and a chi-square statistic over the
nucleus stays below df + 8·sqrt(2·df) + 25 — for a correct sampler the chance of exceeding it
is below 1e-9, while every known mistake exceeds it by orders of magnitude. When the running
mass lands on p (within 1e-6) both border conventions are tried; tokens of equal probability
are pooled, so which one of a tie is kept does not matter.
"""

import math

import numpy as np
import torch

from mlkata.judge.spec import Case

# bound when the sandbox loads this module, before the submission runs: a submission that
# monkeypatches numpy/torch cannot change how the run hooks compare its answers
_tensor_equal = torch.equal


def _as_token(value, V):
    if isinstance(value, torch.Tensor):
        if value.numel() != 1 or value.is_floating_point() or value.is_complex():
            raise TypeError(f"return an integer token id, not a tensor of dtype {value.dtype} and shape {tuple(value.shape)}")
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"return an integer token id, not {type(value).__name__}")
    return int(value)


class _SpyMultinomial:
    """Counts the tokens torch.multinomial is allowed to draw (for p >= 1)."""

    def __init__(self):
        self.support = []

    def __enter__(self):
        self.fn, self.method = torch.multinomial, torch.Tensor.multinomial
        spy = self

        def multinomial(inp, *a, **k):
            spy.support.append(int((inp.detach() > 0).sum()))
            return spy.fn(inp, *a, **k)

        def method(inp, *a, **k):
            spy.support.append(int((inp.detach() > 0).sum()))
            return spy.method(inp, *a, **k)

        torch.multinomial, torch.Tensor.multinomial = multinomial, method
        return self

    def __exit__(self, *exc):
        torch.multinomial, torch.Tensor.multinomial = self.fn, self.method


def run_sample(entry, case):
    """n draws with a seeded global generator -> token frequencies (and multinomial support)."""
    (logits,) = case.args
    d = case.data
    V = logits.shape[-1]
    torch.manual_seed(d["seed"])
    counts = np.zeros(V, dtype=np.int64)
    changed = 0
    with _SpyMultinomial() as spy:
        for _ in range(d["n"]):
            given = logits.clone()
            tok = _as_token(entry(given, **case.kwargs), V)
            changed += not _tensor_equal(given, logits)  # the contract: logits are not modified in place
            if not 0 <= tok < V:
                raise IndexError(f"token id {tok} is outside the vocabulary [0, {V})")
            counts[tok] += 1
    out = {"frequencies": counts / d["n"], "calls that changed the logits": changed}
    if d.get("spy"):
        out["smallest multinomial support"] = min(spy.support) if spy.support else -1
    return out


def run_reproducible(entry, case):
    """The same torch seed twice, with NumPy's and Python's global random states disturbed in between."""
    import random

    (logits,) = case.args
    V = logits.shape[-1]
    seqs = []
    for other in (1, 2):
        np.random.seed(other)
        random.seed(other)
        torch.manual_seed(case.data["seed"])
        seqs.append([_as_token(entry(logits.clone(), **case.kwargs), V) for _ in range(case.data["n"])])
    # only the verdict travels back: random draws are compared with nothing else
    return {"same draws for the same torch seed": seqs[0] == seqs[1]}


def check_reproducible(case, got, ctx):
    if not isinstance(got, dict) or "same draws for the same torch seed" not in got:
        return "the run returned nothing to check"
    if not got["same draws for the same torch seed"]:
        return ("two runs after the same torch.manual_seed drew different tokens: sample with torch's global "
                "generator (torch.multinomial, torch.rand, Categorical), not NumPy's or Python's random state")
    return None


# -- judge side ---------------------------------------------------------------------------------

def _probs64(logits, temperature):
    z = logits.astype(np.float64)
    if temperature == 0:
        e = (z == z.max()).astype(np.float64)
    else:
        z = z / temperature
        e = np.exp(z - z.max())
    return e / e.sum()


def _verdict(probs, counts, n, p, V):
    order = np.argsort(-probs, kind="stable")
    sp = probs[order]                                                  # (V,) sorted probabilities
    cs = np.asarray(counts, dtype=np.int64)[order]                     # (V,) their draws
    cum = np.cumsum(sp)
    # runs of equal probability (relative 1e-9), in sorted order: tokens in a run are pooled
    new_run = np.abs(sp[1:] - sp[:-1]) > 1e-9 * np.maximum(np.abs(sp[1:]), np.abs(sp[:-1]))
    starts = np.concatenate([[0], np.flatnonzero(new_run) + 1])        # (R,)
    ends = np.append(starts[1:], V)                                    # (R,)
    run_counts = np.add.reduceat(cs, starts)                           # (R,) draws per run
    if p >= 1:
        sizes = [V]
    else:
        delta = 1e-6
        lo = int(np.argmax(cum >= p - delta)) + 1 if (cum >= p - delta).any() else V
        hi = int(np.argmax(cum > p + delta)) + 1 if (cum > p + delta).any() else V
        sizes = list(range(lo, hi + 1))
    reasons = []
    for m in sizes:
        mass = cum[m - 1]
        inc = np.clip(np.minimum(ends, m) - starts, 0, None)           # (R,) tokens of each run kept
        inside = (inc > 0) & (sp[starts] > 0)  # a token of probability 0 (T = 0, -inf logits) is never drawn
        outside = int(run_counts[~inside].sum())
        if outside:
            drawn_out = ((np.arange(V) >= m) | (sp == 0)) & (cs > 0)    # (V,) in sorted order
            bad = [int(t) for t in order[drawn_out][:5]]
            zero = " or on tokens of probability 0" if (sp[:m] == 0).any() else ""
            reasons.append(f"{outside} of {n} samples fell outside the nucleus of {m} tokens{zero} (e.g. token ids {bad})")
            continue
        obs = run_counts[inside].astype(np.float64)
        exp = n * inc[inside] * sp[starts[inside]] / mass
        # pool the cells expected fewer than 5 times: chi-square needs ~5 per cell, and a single
        # draw of a token expected 1e-5 times would otherwise weigh 1e5 on its own (a correct
        # sampler with few draws over a wide vocabulary would fail by luck)
        rare = exp < 5
        if rare.any():
            obs = np.append(obs[~rare], obs[rare].sum())
            exp = np.append(exp[~rare], exp[rare].sum())
        df = max(len(obs) - 1, 1)
        chi2 = float(((obs - exp) ** 2 / exp).sum())
        limit = df + 8 * math.sqrt(2 * df) + 25
        if chi2 <= limit:
            return None
        worst = int(np.argmax((obs - exp) ** 2 / exp))
        reasons.append(f"frequencies do not match the renormalised nucleus of {m} tokens: chi-square {chi2:.1f} "
                       f"> {limit:.1f} (df {df}); e.g. {int(obs[worst])} draws where {exp[worst]:.0f} were expected")
    return reasons[0] if len(reasons) == 1 else " / or, with the other border convention: ".join(reasons)


def check_sample(case, got, ctx):
    d = case.data
    if not isinstance(got, dict) or "frequencies" not in got:
        return "the run returned no frequencies"
    n = d["sandbox"]["n"]
    counts = np.rint(np.asarray(got["frequencies"], dtype=np.float64) * n).astype(np.int64)
    if got.get("calls that changed the logits"):
        return (f"{got['calls that changed the logits']} of {n} calls changed the `logits` tensor they were given "
                f"(e.g. logits /= temperature): the caller's logits must stay as they were")
    logits = d["logits"]
    probs = _probs64(logits, case.kwargs.get("temperature", 1.0))
    msg = _verdict(probs, counts, n, case.kwargs.get("p", 0.9), logits.shape[-1])
    if msg:
        return msg
    if d["sandbox"].get("spy"):
        s = got.get("smallest multinomial support", -1)
        if s != -1 and s < logits.shape[-1]:
            return (f"with p ≥ 1 every token must stay samplable, but torch.multinomial was handed only {s} of "
                    f"{logits.shape[-1]} non-zero weights (a float32 cumsum passes 1.0 before the tail)")
    return None


def sample_case(name, logits, p, temperature=1.0, n=1000, seed=0, tier="core", why=None, spy=False, dtype=torch.float32):
    t = torch.tensor(logits, dtype=dtype) if not isinstance(logits, torch.Tensor) else logits.to(dtype)
    judge_logits = t.double().numpy()
    return Case(name, args=(t,), kwargs={"p": p, "temperature": temperature}, run="run_sample",
                check="check_sample", tier=tier, why=why, tol={"rtol": 0.0, "atol": 0.08},
                data={"logits": judge_logits, "sandbox": {"n": n, "seed": seed, "spy": spy}},
                summary=f"logits{list(t.shape)} {str(t.dtype).replace('torch.', '')}, p={p}, temperature={temperature}, {n} draws")


def _logits_for(probs):
    return np.log(np.asarray(probs, dtype=np.float64)).astype(np.float32)


def generate():
    rng = np.random.default_rng(8)
    yield sample_case("worked example", _logits_for([0.05, 0.50, 0.30, 0.15]), 0.7,
                      why="the nucleus is {1, 2}: the token that crosses p is kept")
    yield sample_case("p = 0.9, ten tokens", _logits_for([0.02, 0.25, 0.04, 0.18, 0.08, 0.01, 0.30, 0.06, 0.03, 0.03]),
                      0.9, seed=1, why="sort by probability, keep the smallest prefix with mass ≥ p, renormalise")
    yield sample_case("small p, peaked", _logits_for([0.1, 0.6, 0.2, 0.1 - 1e-3, 1e-3]), 0.5, seed=2,
                      why="one token already exceeds p: the nucleus is that token alone")
    yield sample_case("temperature 0.5", rng.normal(size=8).astype(np.float32), 0.8, temperature=0.5, seed=3,
                      why="temperature divides the logits before the softmax (sharper)")
    yield sample_case("temperature 2", rng.normal(size=8).astype(np.float32) * 2, 0.8, temperature=2.0, seed=4,
                      why="temperature divides the logits before the softmax (flatter)")
    yield sample_case("mass lands exactly on p", _logits_for([0.0625, 0.5, 0.125, 0.25, 0.0625]), 0.75, seed=5,
                      why="0.5 + 0.25 = 0.75 = p: keeping 2 or 3 tokens are both accepted")
    yield Case("same torch seed, same draws", args=(torch.tensor(_logits_for([0.1, 0.2, 0.3, 0.25, 0.15])),),
               kwargs={"p": 0.95, "temperature": 1.0}, run="run_reproducible", check="check_reproducible",
               data={"sandbox": {"n": 40, "seed": 11}}, summary="logits[5] float32, p=0.95, 2 × 40 draws",
               why="the judge reproduces a run with torch.manual_seed: take the randomness from torch's global "
                   "generator")
    # -- edge ---------------------------------------------------------------------------------
    big = torch.from_numpy((np.random.default_rng(0).normal(size=200_000) * 3).astype(np.float32))
    yield sample_case("p = 1 keeps every token (200k vocabulary)", big, 1.0, n=3, seed=6, tier="edge", spy=True,
                      why="a float32 cumsum of these probabilities passes 1.0 about 19k tokens before the end; "
                          "a 'mass before > p' cut then drops them even though p = 1")
    yield sample_case("p > 1", rng.normal(size=6).astype(np.float32), 1.5, seed=7, tier="edge",
                      why="p ≥ 1 is the full distribution")
    yield sample_case("temperature 0 is greedy", rng.normal(size=12).astype(np.float32), 0.9, temperature=0.0,
                      n=20, seed=8, tier="edge", why="T → 0 is the argmax; dividing by 0 must not crash")
    yield sample_case("ties at the border", np.array([2.0, 1.0, 1.0, 1.0, 0.0, 3.0], dtype=np.float32), 0.8,
                      seed=9, tier="edge", why="tokens of equal probability straddle p: any of the tied ones may be kept")
    yield sample_case("float64 logits", rng.normal(size=7) * 1.5, 0.6, seed=10, tier="edge", dtype=torch.float64)
