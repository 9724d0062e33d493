"""Cases for `swiglu`. Oracle: the feed-forward written with PyTorch's own building blocks,
F.linear(F.silu(F.linear(x, W_gate)) * F.linear(x, W_up), W_down), and its autograd gradients,
in float64, cast to float32. The candidate's module is built and driven by run hooks."""

import numpy as np
import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def _t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def _build(entry, d):
    torch.manual_seed(0)
    kwargs = {k: d[k] for k in ("hidden_dim", "multiple_of") if d.get(k) is not None}
    return entry(d["dim"], **kwargs)


# -- run hooks (sandbox) ----------------------------------------------------------------------

def run_shapes(entry, case):
    m = _build(entry, case.data)
    return {
        "w_gate shape": tuple(m.w_gate.shape),
        "w_up shape": tuple(m.w_up.shape),
        "w_down shape": tuple(m.w_down.shape),
        "number of parameters": int(sum(p.numel() for p in m.parameters())),
    }


def run_forward(entry, case):
    m = _build(entry, case.data)
    x, Wg, Wu, Wd, up = case.args
    with torch.no_grad():
        m.w_gate.copy_(Wg)
        m.w_up.copy_(Wu)
        m.w_down.copy_(Wd)
    x.requires_grad_(True)
    out = m(x)
    out.backward(up)
    return (out, x.grad, m.w_gate.grad, m.w_up.grad, m.w_down.grad)


# -- oracle -----------------------------------------------------------------------------------

def oracle(x, Wg, Wu, Wd, up):
    ts = [_t(a).double().requires_grad_(True) for a in (x, Wg, Wu, Wd)]
    xx, g, u, d = ts
    out = F.linear(F.silu(F.linear(xx, g)) * F.linear(xx, u), d)    # F.linear(a, W) = a @ W.T
    out.backward(_t(up).double())
    return (out.detach().float(), *[t.grad.float() for t in ts])


def forward_case(name, rng, dim, hidden, lead, tier="core", why=None, pass_hidden=True, multiple_of=None):
    x = rng.normal(size=(*lead, dim)).astype(np.float32)
    Wg = (rng.normal(size=(hidden, dim)) / np.sqrt(dim)).astype(np.float32)
    Wu = (rng.normal(size=(hidden, dim)) / np.sqrt(dim)).astype(np.float32)
    Wd = (rng.normal(size=(dim, hidden)) / np.sqrt(hidden)).astype(np.float32)
    up = rng.normal(size=(*lead, dim)).astype(np.float32)
    data = {"dim": dim, "hidden_dim": hidden if pass_hidden else None, "multiple_of": multiple_of}
    how = f"SwiGLU({dim}" + (f", hidden_dim={hidden}" if pass_hidden else "") + \
          (f", multiple_of={multiple_of}" if multiple_of else "") + ")"
    return Case(name, args=tuple(_t(a) for a in (x, Wg, Wu, Wd, up)), expected=oracle(x, Wg, Wu, Wd, up),
                run="run_forward", data={"sandbox": data}, tier=tier, why=why,
                summary=f"{how}, x{list(x.shape)} float32, judge's weights copied in; output and gradients "
                        "of x, w_gate, w_up, w_down")


def _hidden(dim, multiple_of):
    h = (8 * dim) // 3
    return multiple_of * -(-h // multiple_of)


def shapes_case(name, dim, multiple_of=None, hidden=None, tier="core", why=None):
    h = hidden if hidden is not None else _hidden(dim, multiple_of or 1)
    data = {"dim": dim, "hidden_dim": hidden, "multiple_of": multiple_of}
    args = ", ".join([str(dim)] + [f"{k}={v}" for k, v in data.items() if k != "dim" and v is not None])
    return Case(name, run="run_shapes", data={"sandbox": data}, tier=tier, why=why,
                expected={"w_gate shape": (h, dim), "w_up shape": (h, dim), "w_down shape": (dim, h),
                          "number of parameters": 3 * dim * h},
                summary=f"SwiGLU({args}): parameter shapes")


def generate():
    rng = np.random.default_rng(8)
    yield forward_case("forward and backward", rng, 6, 10, (4,),
                       why="y = (silu(x·W_gateᵀ) ⊙ (x·W_upᵀ))·W_downᵀ, with silu(g) = g·sigmoid(g) on the gate branch only")
    yield forward_case("3-D input", rng, 8, 12, (2, 3), why="any leading dimensions: the layer acts on the last one")
    yield forward_case("hidden_dim = dim", rng, 5, 5, (3,),
                       why="square weights: a missing transpose or a missing down projection runs and gives other values")
    yield shapes_case("default hidden size", 12, why="hidden_dim=None: (8·12)//3 = 32, two thirds of the classic 4·dim")
    yield shapes_case("default hidden size, multiple_of=8", 10, multiple_of=8,
                      why="(8·10)//3 = 26, rounded UP to a multiple of 8: 32")
    # -- edge ---------------------------------------------------------------------------------
    yield forward_case("default hidden size in use", rng, 9, _hidden(9, 4), (5,), pass_hidden=False, multiple_of=4,
                       tier="edge", why="the module sizes itself (24) and the judge's weights of that size fit")
    yield shapes_case("explicit hidden_dim wins", 16, multiple_of=64, hidden=20, tier="edge",
                      why="an explicit hidden_dim is used as given, without rounding")
