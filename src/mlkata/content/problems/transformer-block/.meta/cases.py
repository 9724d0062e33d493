"""Cases for `TransformerBlock`. The run hook builds the candidate's block, copies the case's
weights into its documented attributes, runs forward and backward (random upstream gradient)
and returns (output, grad of x, grads of every parameter). Oracle, in float64: an independent
formulation with torch built-ins — nn.MultiheadAttention(bias=False, batch_first=True) with
the same weights, F.layer_norm (eps 1e-5), F.linear and F.gelu (exact) — and autograd."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mlkata.judge.spec import Case

NAMES = ["ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias", "attn.W_qkv.weight", "attn.W_o.weight",
         "ff1.weight", "ff1.bias", "ff2.weight", "ff2.bias"]


def _param(block, name):
    try:
        return block.get_parameter(name)
    except AttributeError as exc:
        raise AttributeError(f"the block has no parameter `{name}` (see the layout in the statement): {exc}") from None


def _tensor_out(out, what):
    # a tuple such as (output, attention weights) would only fail later as "'tuple' object has
    # no attribute 'backward'"
    if not isinstance(out, torch.Tensor):
        raise TypeError(f"{what} returned {type(out).__name__}; return only the output tensor")
    return out


def run_block(entry, case):
    x, params, mask, upstream = case.args
    cfg = case.data
    torch.manual_seed(0)
    block = entry(cfg["d_model"], cfg["n_heads"], cfg["d_ff"], pre_ln=cfg["pre_ln"]).to(x.dtype)
    with torch.no_grad():
        for name, value in params.items():
            p = _param(block, name)
            if tuple(p.shape) != tuple(value.shape):
                raise ValueError(f"`{name}` has shape {tuple(p.shape)}, expected {tuple(value.shape)}")
            p.copy_(value)
    x = x.clone().requires_grad_(True)
    out = _tensor_out(block(x, mask=mask), "TransformerBlock.forward")
    out.backward(upstream)
    grads = {name: _param(block, name).grad for name in params}
    return (out, x.grad, grads)


def oracle(x, params, mask, upstream, n_heads, pre_ln):
    B, N, D = x.shape
    P = {k: v.detach().double().clone().requires_grad_(True) for k, v in params.items()
         if not k.startswith("attn.")}
    mha = nn.MultiheadAttention(D, n_heads, bias=False, batch_first=True, dropout=0.0).double()
    with torch.no_grad():
        mha.in_proj_weight.copy_(params["attn.W_qkv.weight"].double())
        mha.out_proj.weight.copy_(params["attn.W_o.weight"].double())
    attn_mask = None
    if mask is not None:  # nn.MultiheadAttention: boolean True = not allowed, (B·h, N, N)
        attn_mask = mask.expand(B, n_heads, N, N).reshape(B * n_heads, N, N)
    xx = x.detach().double().requires_grad_(True)

    def attn(h):
        return mha(h, h, h, attn_mask=attn_mask, need_weights=False)[0]

    def ln(h, i):
        return F.layer_norm(h, (D,), P[f"ln{i}.weight"], P[f"ln{i}.bias"], eps=1e-5)

    def ffn(h):
        return F.linear(F.gelu(F.linear(h, P["ff1.weight"], P["ff1.bias"])), P["ff2.weight"], P["ff2.bias"])

    if pre_ln:
        h = xx + attn(ln(xx, 1))
        out = h + ffn(ln(h, 2))
    else:
        h = ln(xx + attn(xx), 1)
        out = ln(h + ffn(h), 2)
    out.backward(upstream.double())
    grads = {k: P[k].grad for k in P}
    grads["attn.W_qkv.weight"] = mha.in_proj_weight.grad
    grads["attn.W_o.weight"] = mha.out_proj.weight.grad
    dt = x.dtype
    return (out.detach().to(dt), xx.grad.to(dt), {k: grads[k].to(dt) for k in NAMES})


def make(seed, B, N, D, h, d_ff, dtype):
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)  # noqa: E731
    params = {
        "ln1.weight": 1 + 0.2 * r(D), "ln1.bias": 0.1 * r(D),
        "ln2.weight": 1 + 0.2 * r(D), "ln2.bias": 0.1 * r(D),
        "attn.W_qkv.weight": r(3 * D, D) / D ** 0.5, "attn.W_o.weight": r(D, D) / D ** 0.5,
        "ff1.weight": r(d_ff, D) / D ** 0.5, "ff1.bias": 0.1 * r(d_ff),
        "ff2.weight": r(D, d_ff) / d_ff ** 0.5, "ff2.bias": 0.1 * r(D),
    }
    # a residual stream with an offset and a scale: LayerNorm has work to do
    x = 2.0 * r(B, N, D) + 0.5
    up = r(B, N, D)
    return x.to(dtype), {k: v.to(dtype) for k, v in params.items()}, up.to(dtype)


def causal(N):
    return torch.ones(N, N, dtype=torch.bool).triu(1)


def case(name, seed, B, N, D, h, d_ff, pre_ln, dtype=torch.float64, mask=None, tier="core", why=None):
    x, params, up = make(seed, B, N, D, h, d_ff, dtype)
    expected = oracle(x, params, mask, up, h, pre_ln)
    kind = "pre-LN" if pre_ln else "post-LN"
    return Case(name, args=(x, params, mask, up), expected=expected, tier=tier, why=why, run="run_block",
                data={"sandbox": {"d_model": D, "n_heads": h, "d_ff": d_ff, "pre_ln": pre_ln}},
                summary=(f"{kind} block d_model={D}, n_heads={h}, d_ff={d_ff}; x {tuple(x.shape)} "
                         f"{str(dtype).replace('torch.', '')}" + (f", mask {tuple(mask.shape)}" if mask is not None else "")))


def generate():
    yield case("pre-LN float64", 1, 2, 5, 8, 2, 16, True,
               why="x + attn(ln1(x)), then + ffn(ln2(.)): output, input gradient and every parameter gradient")
    yield case("post-LN float64", 2, 2, 5, 8, 2, 16, False,
               why="ln1(x + attn(x)), then ln2(. + ffn(.))")
    yield case("pre-LN float32, causal mask", 3, 2, 7, 16, 4, 32, True, dtype=torch.float32,
               mask=causal(7).view(1, 1, 7, 7))
    pad = torch.zeros(3, 1, 1, 6, dtype=torch.bool)
    pad[0, ..., 4:] = True
    pad[2, ..., 1:] = True
    yield case("post-LN float32, padding mask", 4, 3, 6, 12, 3, 24, False, dtype=torch.float32, mask=pad,
               why="a (B, 1, 1, N) key-padding mask broadcast over heads and queries")
    yield case("pre-LN float64, causal mask", 5, 1, 6, 8, 2, 12, True, mask=causal(6).view(1, 1, 6, 6))
    yield case("post-LN float64, causal mask", 6, 2, 4, 6, 3, 10, False, mask=causal(4).view(1, 1, 4, 4))
    # -- edge --------------------------------------------------------------------------------
    yield case("one token", 7, 2, 1, 8, 2, 16, True, tier="edge", why="N = 1: attention returns the (projected) value")
    yield case("one head, 2-D mask", 8, 2, 5, 8, 1, 8, False, mask=causal(5), tier="edge",
               why="an (N, N) mask broadcasts to (B, h, N, N)")
