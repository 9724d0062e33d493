"""Cases for `multi-head-attention`. Oracle: nn.MultiheadAttention(bias=False, batch_first=True)
in float64 with the same weights (in_proj_weight = W_qkv.weight, out_proj.weight = W_o.weight);
its boolean attn_mask also means True = not allowed. Output and the gradients of x, W_qkv and
W_o come from its autograd, cast to the input dtype."""

import torch
import torch.nn as nn

from mlkata.judge.spec import Case


def oracle(x, w_qkv, w_o, upstream, n_heads, mask=None):
    B, N, D = x.shape
    mha = nn.MultiheadAttention(D, n_heads, bias=False, batch_first=True).double()
    with torch.no_grad():
        mha.in_proj_weight.copy_(w_qkv.double())
        mha.out_proj.weight.copy_(w_o.double())
    xx = x.detach().double().requires_grad_(True)
    attn_mask = None
    if mask is not None:  # nn.MultiheadAttention wants (N, N) or (B·h, N, N)
        attn_mask = mask.expand(B, n_heads, N, N).reshape(B * n_heads, N, N)
    out, _ = mha(xx, xx, xx, attn_mask=attn_mask, need_weights=False)
    out.backward(upstream.double())
    dt = x.dtype
    return (out.detach().to(dt), xx.grad.to(dt), mha.in_proj_weight.grad.to(dt), mha.out_proj.weight.grad.to(dt))


def _tensor_out(out, what):
    # a tuple such as (output, attention weights) would only fail later as "'tuple' object has
    # no attribute 'backward'"
    if not isinstance(out, torch.Tensor):
        raise TypeError(f"{what} returned {type(out).__name__}; return only the output tensor")
    return out


def run_mha(entry, case):
    """Build the candidate's module, copy the weights in, forward, backward."""
    x, w_qkv, w_o, upstream = case.args
    d_model, n_heads = case.data["d_model"], case.data["n_heads"]
    module = entry(d_model, n_heads).to(x.dtype)
    with torch.no_grad():
        module.W_qkv.weight.copy_(w_qkv)
        module.W_o.weight.copy_(w_o)
    x.requires_grad_(True)
    mask = case.kwargs.get("mask")
    if mask is None:
        out = module(x)
    elif case.data.get("mask_kw"):
        out = module(x, mask=mask)
    else:
        out = module(x, mask)
    out = _tensor_out(out, "MultiHeadAttention.forward")
    out.backward(upstream.to(out.dtype) if out.shape == upstream.shape else torch.ones_like(out))
    return (out, x.grad, module.W_qkv.weight.grad, module.W_o.weight.grad)


def case(name, gen, B, N, D, h, mask=None, dtype=torch.float32, tier="core", why=None, mask_kw=False):
    x = torch.randn(B, N, D, generator=gen, dtype=torch.float64)
    w_qkv = torch.randn(3 * D, D, generator=gen, dtype=torch.float64) / D ** 0.5
    w_o = torch.randn(D, D, generator=gen, dtype=torch.float64) / D ** 0.5
    upstream = torch.randn(B, N, D, generator=gen, dtype=torch.float64)
    x, w_qkv, w_o, upstream = (t.to(dtype) for t in (x, w_qkv, w_o, upstream))
    return Case(name, args=(x, w_qkv, w_o, upstream), kwargs={} if mask is None else {"mask": mask},
                expected=oracle(x, w_qkv, w_o, upstream, h, mask), tier=tier, why=why, run="run_mha",
                data={"sandbox": {"d_model": D, "n_heads": h, "mask_kw": mask_kw}},
                summary=f"x ({B}, {N}, {D}), n_heads={h}, {str(dtype).replace('torch.', '')}"
                        + ("" if mask is None else f", mask {tuple(mask.shape)}"))


def causal(N):
    return torch.arange(N)[None, :] > torch.arange(N)[:, None]  # (N, N), True = future key


def generate():
    g = torch.Generator().manual_seed(4)
    yield case("no mask", g, 2, 5, 16, 4,
               why="output and the gradients of x, W_qkv and W_o against nn.MultiheadAttention")
    yield case("causal (N, N) mask", g, 2, 6, 16, 2, causal(6),
               why="a 2-D mask means (query, key) for every batch and head")
    lengths = torch.tensor([7, 4, 2])
    pad = (torch.arange(7)[None, :] >= lengths[:, None])[:, None, None, :]  # (B, 1, 1, N)
    yield case("padding mask (B, 1, 1, N), keyword", g, 3, 7, 24, 3, pad, mask_kw=True,
               why="a padding mask over the keys, passed as mask=...")
    yield case("N = 1", g, 3, 1, 16, 4,
               why="a single position: every head attends to itself (here .view() after transpose happens to work)")
    yield case("one head", g, 2, 4, 8, 1, causal(4),
               why="n_heads = 1 is plain attention with projections")
    yield case("float64, 8 heads", g, 2, 5, 32, 8, causal(5), dtype=torch.float64,
               why="many heads in float64, where the comparison is tight")
    # -- edge: hardening ---------------------------------------------------------------------
    lengths = torch.tensor([4, 2, 3, 1])
    pad = (torch.arange(4)[None, :] >= lengths[:, None])[:, None, None, :]  # (B, 1, 1, N) with B == N
    yield case("B == N with a (B, 1, 1, N) padding mask", g, 4, 4, 16, 2, pad, tier="edge",
               why="when B == N a raw (B, N) padding mask would broadcast silently as (query, key); the "
                   "contract's (B, 1, 1, N) form must be honoured exactly (errata S4)")
    yield case("B == N with a causal (N, N) mask", g, 3, 3, 12, 3, causal(3), tier="edge",
               why="B == N: a 2-D mask is (query, key), never a (B, N) padding mask; reading it as one "
                   "broadcasts without an error and gives wrong outputs (errata S4)")
    yield case("longer sequence", g, 2, 33, 64, 4, causal(33), tier="edge",
               why="d_k = 16, N = 33: shapes that are not powers of two")
