"""Cases for `top-k-top-p-filter`.

Oracle: an independent float64 NumPy implementation of Hugging Face's TopK then TopP warpers
(threshold at the k-th value; top-p keeps a token while the mass strictly ahead of it is
< p), cast back to the input dtype. When the running mass lands within 1e-9 of p, both
border conventions are valid expected outputs. With temperature 0 only the -inf pattern is
compared. The generator asserts that every other top-p border is at least 1e-4 away from p,
so float32 rounding in a candidate's cumsum cannot flip a token.
"""

import numpy as np
import torch

from mlkata.judge.spec import Case

NEG = -np.inf


def _topk_row(z, k):
    if k <= 0:
        return z
    k = min(k, z.size)
    kth = np.sort(z)[::-1][k - 1]
    return np.where(z < kth, NEG, z)


def _topp_rows(z, p):
    """All valid outcomes of top-p for one row (one, or two at an exact landing)."""
    if p >= 1.0:
        return [z]
    finite = np.isfinite(z)
    e = np.where(finite, np.exp(z - z[finite].max()), 0.0)
    prob = e / e.sum()
    order = np.argsort(-prob, kind="stable")
    sp = prob[order]
    before = np.concatenate([[0.0], np.cumsum(sp)[:-1]])
    outs = []
    for strict in (True, False):
        # strict: Hugging Face's smallest set with mass >= p (a token whose mass ahead is
        # exactly p goes); otherwise the sheet's "up to the first token that pushes the mass
        # past p", which also keeps the token that starts exactly at p
        keep_sorted = before < p if strict else before <= p + 1e-9
        keep_sorted = keep_sorted & (sp > 0)
        keep_sorted[0] = True
        keep = np.zeros_like(keep_sorted)
        keep[order] = keep_sorted
        outs.append(np.where(keep, z, NEG))
    landing = np.abs(before - p) < 1e-9
    # far from p, the two conventions coincide; otherwise they differ by one token
    margins = np.abs(before[1:] - p)
    return outs if landing.any() else ([outs[0]] if margins.size == 0 or margins.min() > 1e-4 else None)


def oracle(logits, top_k, top_p, temperature):
    x = logits.astype(np.float64)
    rows = x.reshape(-1, x.shape[-1])
    variants = [[]]
    for row in rows:
        if temperature == 0:
            z = np.full_like(row, NEG)
            j = int(np.argmax(row))
            z[j] = row[j]
            outs = [z]
        else:
            z = _topk_row(row / temperature, top_k)
            outs = _topp_rows(z, top_p)
            assert outs is not None, "a top-p border within 1e-4 of p: pick other logits"
        variants = [v + [o] for v in variants for o in outs]
    return [np.stack(v).reshape(x.shape).astype(logits.dtype) for v in variants]


def check_filter(case, got, ctx):
    exps = case.data["expected_variants"]
    pattern_only = case.kwargs.get("temperature", 1.0) == 0
    msgs = []
    for e in exps:
        if pattern_only:
            msg = ctx.compare(torch_box(np.where(np.isneginf(e), NEG, 0.0).astype(e.dtype), case),
                              _pattern(got))
        else:
            msg = ctx.compare(torch_box(e, case), got)
        if msg is None:
            return None
        msgs.append(msg)
    return msgs[0] if len(msgs) == 1 else msgs[0] + " (the other accepted border convention: " + msgs[1] + ")"


def torch_box(a, case):
    from mlkata.judge.codec import TensorBox

    return TensorBox(a, case.data["dtype"])


def _pattern(got):
    from mlkata.judge.codec import TensorBox

    if isinstance(got, TensorBox):
        a = got.array
        return TensorBox(np.where(np.isneginf(a), NEG, 0.0).astype(a.dtype), got.dtype)
    return got


def case(name, logits, top_k=0, top_p=1.0, temperature=1.0, tier="core", why=None):
    logits = np.asarray(logits)
    if logits.dtype == np.float64 and name.find("float64") < 0:
        logits = logits.astype(np.float32)
    variants = oracle(logits, top_k, top_p, temperature)
    t = torch.from_numpy(logits.copy())
    return Case(name, args=(t,), kwargs={"top_k": top_k, "top_p": top_p, "temperature": temperature},
                expected=torch.from_numpy(variants[0]), check="check_filter", tier=tier, why=why,
                data={"expected_variants": variants, "dtype": str(t.dtype)},
                summary=f"logits{list(t.shape)} {str(t.dtype).replace('torch.', '')}, top_k={top_k}, "
                        f"top_p={top_p}, temperature={temperature}")


def generate():
    rng = np.random.default_rng(16)
    yield case("top-k only, 1-D", rng.normal(size=10) * 2, top_k=3,
               why="keep the 3 largest logits, -inf elsewhere")
    yield case("top-p only, 1-D", rng.normal(size=10) * 2, top_p=0.8,
               why="keep the smallest set of most likely tokens with mass >= p (the crossing token stays)")
    yield case("batch: top-k then top-p with temperature", rng.normal(size=(4, 12)) * 2, top_k=5, top_p=0.6,
               temperature=0.8,
               why="every row is filtered on its own; top-p renormalises what top-k left")
    yield case("3-D input", rng.normal(size=(2, 3, 9)) * 1.5, top_k=6, top_p=0.75, temperature=1.5,
               why="filter along the last axis only, whatever the leading dims")
    yield case("ties at the k-th value", np.array([[3.0, 2.0, 2.0, 2.0, 1.0, 0.0], [0.0, 1.0, 1.0, 5.0, 1.0, 4.0]]),
               top_k=2, why="entries equal to the k-th largest value are all kept (threshold, not indices)")
    yield case("temperature before top-p", rng.normal(size=(3, 10)) * 2, top_p=0.7, temperature=0.5,
               why="top-p must see softmax(logits / T): a sharper distribution keeps fewer tokens")
    # no tie at the border: the third token (0.125) is unique, so keeping it is well defined
    yield case("mass lands exactly on p", np.log(np.array([[0.125, 0.5, 0.25, 0.0625, 0.0625]])), top_p=0.75,
               why="0.5 + 0.25 = 0.75 = p: keeping 2 tokens (Hugging Face) or 3 (the sheet's rule) are both accepted")
    yield case("no filtering", rng.normal(size=(2, 7)), temperature=2.0,
               why="top_k = 0 and top_p = 1 disable the filters: only the temperature applies")
    yield case("top_p = 1.0, 32k vocabulary", (rng.normal(size=(2, 32000)) * 3).astype(np.float32), top_p=1.0,
               why="p = 1 keeps every token; a float32 cumsum over 32k probabilities passes 1.0 before the "
                   "end, so running top-p anyway drops the tail (errata S8)")
    g_logits = (rng.normal(size=(3, 10)) * 2).astype(np.float32)
    (kept,) = oracle(g_logits, 5, 0.8, 0.7)
    up = rng.normal(size=(3, 10)).astype(np.float32)
    grad = np.where(np.isneginf(kept), 0.0, up.astype(np.float64) / 0.7).astype(np.float32)
    yield Case("gradient reaches the kept logits", args=(torch.from_numpy(g_logits),),
               kwargs={"top_k": 5, "top_p": 0.8, "temperature": 0.7}, requires_grad=(0,),
               upstream=torch.from_numpy(up),
               expected=(torch.from_numpy(kept), [torch.from_numpy(grad)]),
               why="kept entries are logits / T (gradient 1/T), filtered ones are constants (gradient 0, never NaN)")
    # -- edge ---------------------------------------------------------------------------------
    yield case("temperature 0 keeps the argmax", rng.normal(size=(3, 8)), top_k=4, top_p=0.9, temperature=0.0,
               tier="edge", why="T -> 0 is greedy: only each row's argmax survives (no division by zero)")
    yield case("top_k larger than V", rng.normal(size=(2, 5)), top_k=50, tier="edge",
               why="k > V keeps every token")
    yield case("top_k = 1", rng.normal(size=(3, 6)), top_k=1, top_p=0.5, tier="edge")
    masked = rng.normal(size=(2, 8)).astype(np.float32)
    masked[0, [1, 4]] = -np.inf
    masked[1, 0] = -np.inf
    yield case("already masked entries", masked, top_k=5, top_p=0.8, tier="edge",
               why="-inf inputs have probability 0 and stay -inf; they must not produce NaN")
    yield case("float64 input", rng.normal(size=(2, 9)) * 2, top_k=4, top_p=0.7, temperature=0.7, tier="edge",
               why="keep the input's dtype")
