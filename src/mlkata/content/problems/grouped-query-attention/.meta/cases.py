"""Cases for `grouped-query-attention`. Oracle: F.scaled_dot_product_attention(enable_gqa=True)
in float64 (query head i reads KV head i // (h // g), as repeat_interleave), boolean mask passed
as ~mask (torch's True = attend); gradients of Q, K, V from its autograd, cast to the input dtype."""

import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def oracle(Q, K, V, mask, upstream):
    q, k, v = (t.detach().double().requires_grad_(True) for t in (Q, K, V))
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=None if mask is None else ~mask, enable_gqa=True)
    out.backward(upstream.double())
    return (out.detach().to(Q.dtype), [t.grad.to(Q.dtype) for t in (q, k, v)])


def case(name, gen, B, h, g, N, d, mask=None, dtype=torch.float32, tier="core", why=None, as_kwarg=False):
    Q = torch.randn(B, h, N, d, generator=gen, dtype=torch.float64).to(dtype)
    K = torch.randn(B, g, N, d, generator=gen, dtype=torch.float64).to(dtype)
    V = torch.randn(B, g, N, d, generator=gen, dtype=torch.float64).to(dtype)
    up = torch.randn(B, h, N, d, generator=gen, dtype=torch.float64).to(dtype)
    args = (Q, K, V) if mask is None or as_kwarg else (Q, K, V, mask)
    kwargs = {"mask": mask} if mask is not None and as_kwarg else {}
    return Case(name, args=args, kwargs=kwargs, expected=oracle(Q, K, V, mask, up), tier=tier, why=why,
                requires_grad=(0, 1, 2), upstream=up)


def causal(N):
    return torch.arange(N)[None, :] > torch.arange(N)[:, None]  # (N, N), True = future key


def generate():
    gen = torch.Generator().manual_seed(5)
    yield case("h=4, g=2", gen, 2, 4, 2, 5, 8,
               why="query heads 0,1 read KV head 0 and heads 2,3 read KV head 1 (repeat_interleave order); "
                   "K and V gradients add up over the heads that share them")
    yield case("h=8, g=2, causal", gen, 1, 8, 2, 6, 8, causal(6),
               why="groups of 4 consecutive query heads; `repeat` would pair head i with KV head i % g")
    yield case("h=6, g=3, d=16", gen, 2, 6, 3, 4, 16,
               why="with d = 16 the scores must be divided by √d = 4")
    yield case("g = h (plain multi-head)", gen, 2, 4, 4, 5, 8, causal(5),
               why="every query head has its own KV head")
    yield case("g = 1 (multi-query)", gen, 2, 4, 1, 5, 8,
               why="all query heads share one KV head")
    lengths = torch.tensor([6, 2])
    pad = (torch.arange(6)[None, :] >= lengths[:, None])[:, None, None, :]  # (B, 1, 1, N)
    yield case("padding mask (B, 1, 1, N), keyword", gen, 2, 4, 2, 6, 8, pad, as_kwarg=True,
               why="padded keys (True) get weight 0; passed as mask=...")
    rnd = torch.rand(2, 6, 5, 5, generator=gen) < 0.4
    rnd[..., 0] = False
    yield case("per-head mask, float64", gen, 2, 6, 2, 5, 8, rnd, dtype=torch.float64,
               why="a mask that differs per query head, in float64 where the comparison is tight")
    # -- edge: hardening ---------------------------------------------------------------------
    rows = torch.zeros(1, 4, 4, 4, dtype=torch.bool)
    rows[0, 1, 2, :] = True  # query 2 of head 1 sees no key
    yield case("fully masked query row", gen, 1, 4, 2, 4, 8, rows, tier="edge",
               why="a query that sees nothing outputs zeros with finite gradients (as torch's SDPA); "
                   "a -inf fill gives NaN")
    yield case("h=12, g=4, longer", gen, 2, 12, 4, 33, 32, causal(33), tier="edge",
               why="larger shapes: 3 query heads per KV head, N = 33")
