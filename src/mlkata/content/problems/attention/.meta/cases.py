"""Cases for `attention`. Oracle: F.scaled_dot_product_attention in float64 (its boolean mask
means True = attend, so it gets ~mask), output and gradients cast to the input dtype."""

import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def oracle(Q, K, V, mask=None, upstream=None):
    """Output and, with `upstream`, the gradients of Q, K, V — all computed in float64."""
    q, k, v = (t.detach().double().requires_grad_(upstream is not None) for t in (Q, K, V))
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=None if mask is None else ~mask)
    if upstream is None:
        return out.detach().to(Q.dtype)
    out.backward(upstream.double())
    return (out.detach().to(Q.dtype), [t.grad.to(Q.dtype) for t in (q, k, v)])


def qkv(gen, B, h, Nq, Nk, d_k, d_v, dtype=torch.float32):
    Q = torch.randn(B, h, Nq, d_k, generator=gen, dtype=torch.float64).to(dtype)
    K = torch.randn(B, h, Nk, d_k, generator=gen, dtype=torch.float64).to(dtype)
    V = torch.randn(B, h, Nk, d_v, generator=gen, dtype=torch.float64).to(dtype)
    return Q, K, V


def case(name, gen, Q, K, V, mask=None, tier="core", why=None, as_kwarg=False, grad=True, tol=None):
    args = (Q, K, V) if mask is None or as_kwarg else (Q, K, V, mask)
    kwargs = {"mask": mask} if mask is not None and as_kwarg else {}
    if not grad:
        return Case(name, args=args, kwargs=kwargs, expected=oracle(Q, K, V, mask), tier=tier, why=why, tol=tol)
    upstream = torch.randn(*Q.shape[:-1], V.shape[-1], generator=gen, dtype=torch.float64).to(Q.dtype)
    return Case(name, args=args, kwargs=kwargs, expected=oracle(Q, K, V, mask, upstream), tier=tier, why=why,
                tol=tol, requires_grad=(0, 1, 2), upstream=upstream)


def causal(Nq, Nk):
    # query i sees keys 0..i (aligned at the end when Nq < Nk, as in decoding)
    i = torch.arange(Nq)[:, None] + (Nk - Nq)
    j = torch.arange(Nk)[None, :]
    return j > i  # (Nq, Nk), True = masked


def generate():
    g = torch.Generator().manual_seed(3)
    yield case("no mask, float32", g, *qkv(g, 2, 3, 5, 5, 8, 8),
               why="plain attention: output and the gradients of Q, K and V")
    yield case("Nq != Nk, d_v != d_k", g, *qkv(g, 2, 2, 3, 7, 8, 5),
               why="queries and keys have different lengths (cross-attention): normalise over the keys (dim=-1)")
    yield case("d_k = 64", g, *qkv(g, 1, 2, 6, 6, 64, 16),
               why="with d_k = 64 the scores must be divided by √d_k = 8 (not by d_k, not left unscaled)")
    Q, K, V = qkv(g, 2, 2, 6, 6, 16, 16)
    yield case("causal (N, N) mask", g, Q, K, V, causal(6, 6),
               why="a 2-D mask broadcasts over batch and heads; True = this key is hidden from this query")
    Q, K, V = qkv(g, 3, 2, 4, 6, 8, 8)
    lengths = torch.tensor([6, 3, 1])
    pad = (torch.arange(6)[None, :] >= lengths[:, None])[:, None, None, :]  # (B, 1, 1, Nk)
    yield case("padding mask (B, 1, 1, Nk), as keyword", g, Q, K, V, pad, as_kwarg=True,
               why="padded keys (True) get weight 0; the mask is passed as mask=...")
    Q, K, V = qkv(g, 2, 3, 5, 7, 8, 6, dtype=torch.float64)
    rnd = torch.rand(2, 3, 5, 7, generator=g) < 0.4
    rnd[..., 2] = False  # every query keeps at least one key here
    rnd[..., 5] = True   # and hides at least one: an inverted mask leaves no row empty either, so
                         # inverted-mask versions with and without an empty-row guard agree here
    yield case("random (B, h, Nq, Nk) mask, float64", g, Q, K, V, rnd,
               why="a full-rank mask in float64, where the comparison is tight")
    Q, K, V = qkv(g, 2, 2, 1, 9, 8, 8)
    yield case("one query (decoding step)", g, Q, K, V, causal(1, 9),
               why="Nq = 1 against 9 cached keys: the single query sees every key")
    # -- edge: hardening ---------------------------------------------------------------------
    Q, K, V = qkv(g, 2, 2, 4, 4, 8, 8)
    rows = torch.zeros(2, 1, 4, 4, dtype=torch.bool)
    rows[0, :, 3, :] = True   # query 3 of batch 0 may see nothing (a padded query)
    rows[1, :, :, 2:] = True  # batch 1: keys 2.. are padding
    yield case("fully masked query row", g, Q, K, V, rows, tier="edge",
               why="a query that sees no key must give a zero output and finite gradients (as torch's SDPA "
                   "does); masked_fill(-inf) + softmax gives NaN there, and NaN reaches every gradient")
    Q, K, V = qkv(g, 2, 2, 8, 8, 16, 16, dtype=torch.float16)
    yield case("float16 with a causal mask", g, Q, K, V, causal(8, 8), tier="edge", grad=False,
               why="in float16 masked_fill(-1e9) raises (overflow): use -inf or torch.finfo(dtype).min")
    Q, K, V = qkv(g, 1, 1, 3, 3, 4, 4, dtype=torch.float64)
    Q = Q * 30.0
    yield case("large scores, float64", g, Q, K, V, causal(3, 3), tier="edge",
               why="scores of a few hundred: the softmax must stay finite (subtract the row max, or use torch.softmax)")
