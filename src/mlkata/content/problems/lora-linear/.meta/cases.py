"""Cases for `lora-linear`.

Oracle: the LoRA forward x·(W + scale·B·A)ᵀ and its autograd gradients computed in float64
with plain torch matmuls, cast to float32. Properties of the initialisation and of training
(what is frozen, which gradients are zero) are measured by run hooks in the sandbox and
compared with the contract's values.
"""

import numpy as np
import torch

from mlkata.judge.spec import Case


def _t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def _load(m, W, A, B):
    """Copy the judge's values into the candidate's module."""
    with torch.no_grad():
        m.weight.copy_(W)
        m.A.copy_(A)
        m.B.copy_(B)


# -- run hooks (sandbox) ----------------------------------------------------------------------

def run_init(entry, case):
    d = case.data
    torch.manual_seed(d["seed"])
    m = entry(d["in"], d["out"], rank=d["rank"], alpha=d["alpha"])
    (x, W) = case.args
    with torch.no_grad():
        m.weight.copy_(W)  # A and B stay as the constructor made them
        out = m(x)
        base = x.double() @ W.double().T
    return {
        "weight shape": tuple(m.weight.shape),
        "A shape": tuple(m.A.shape),
        "B shape": tuple(m.B.shape),
        "scale": float(m.scale),
        "B is all zeros at init": bool((m.B == 0).all()),
        "A is non-zero at init": bool((m.A != 0).any()),
        "output equals x·Wᵀ at init": bool(out.shape == base.shape
                                          and torch.allclose(out.double(), base, rtol=1e-5, atol=1e-6)),
    }


def run_trainable(entry, case):
    d = case.data
    torch.manual_seed(d["seed"])
    m = entry(d["in"], d["out"], rank=d["rank"], alpha=d["alpha"])
    w = m.weight
    return {
        "number of trainable parameters": int(sum(p.numel() for p in m.parameters() if p.requires_grad)),
        "weight is frozen": not (isinstance(w, torch.nn.Parameter) and w.requires_grad),
        "A trains": bool(isinstance(m.A, torch.nn.Parameter) and m.A.requires_grad),
        "B trains": bool(isinstance(m.B, torch.nn.Parameter) and m.B.requires_grad),
    }


def run_saved(entry, case):
    d = case.data
    torch.manual_seed(d["seed"])
    m = entry(d["in"], d["out"], rank=d["rank"], alpha=d["alpha"])
    state = m.state_dict()
    ptr = lambda t: t.detach().data_ptr()  # noqa: E731
    return {
        "weight is in state_dict()": any(ptr(v) == ptr(m.weight) for v in state.values()),
        "A is in state_dict()": any(ptr(v) == ptr(m.A) for v in state.values()),
        "B is in state_dict()": any(ptr(v) == ptr(m.B) for v in state.values()),
    }


def run_forward(entry, case):
    d = case.data
    torch.manual_seed(d["seed"])
    m = entry(d["in"], d["out"], rank=d["rank"], alpha=d["alpha"])
    x, W, A, B = case.args
    _load(m, W, A, B)
    x.requires_grad_(True)
    out = m(x)
    out.backward(torch.from_numpy(d["upstream"]))
    return (out, x.grad, m.A.grad, m.B.grad)


def run_steps(entry, case):
    """Two SGD steps from the constructor's own A and B: who gets a gradient when."""
    d = case.data
    torch.manual_seed(d["seed"])
    m = entry(d["in"], d["out"], rank=d["rank"], alpha=d["alpha"])
    x, W, y = case.args
    with torch.no_grad():
        m.weight.copy_(W)
    opt = torch.optim.SGD([p for p in m.parameters() if p.requires_grad], lr=0.5)

    def grad_zero(p):
        return p.grad is None or bool((p.grad == 0).all())

    loss = ((m(x) - y) ** 2).mean()
    loss.backward()
    first = (grad_zero(m.A), grad_zero(m.B))
    opt.step()
    opt.zero_grad()
    loss = ((m(x) - y) ** 2).mean()
    loss.backward()
    return {
        "A's gradient is zero on step 1 (B = 0)": first[0],
        "B's gradient is non-zero on step 1": not first[1],
        "A's gradient is non-zero on step 2": not grad_zero(m.A),
        "B's gradient is non-zero on step 2": not grad_zero(m.B),
        "weight unchanged by the optimiser": bool(torch.equal(m.weight.detach(), W)),
    }


# -- oracle -----------------------------------------------------------------------------------

def oracle_forward(x, W, A, B, scale, upstream):
    x64 = _t(x).double().requires_grad_(True)
    A64 = _t(A).double().requires_grad_(True)
    B64 = _t(B).double().requires_grad_(True)
    out = x64 @ (_t(W).double() + scale * (B64 @ A64)).T   # (..., out)
    out.backward(_t(upstream).double())
    f = lambda t: t.detach().float()  # noqa: E731
    return (f(out), f(x64.grad), f(A64.grad), f(B64.grad))


def _dims(i, o, r, alpha, seed):
    return {"in": i, "out": o, "rank": r, "alpha": alpha, "seed": seed}


def forward_case(name, rng, i, o, r, alpha, lead, tier="core", why=None):
    x = rng.normal(size=(*lead, i)).astype(np.float32)
    W = (rng.normal(size=(o, i)) / np.sqrt(i)).astype(np.float32)
    A = (rng.normal(size=(r, i)) / np.sqrt(i)).astype(np.float32)
    B = rng.normal(size=(o, r)).astype(np.float32)
    up = rng.normal(size=(*lead, o)).astype(np.float32)
    data = _dims(i, o, r, alpha, 0)
    data["upstream"] = up
    return Case(name, args=(_t(x), _t(W), _t(A), _t(B)), expected=oracle_forward(x, W, A, B, alpha / r, up),
                run="run_forward", data={"sandbox": data}, tier=tier, why=why,
                summary=f"in={i}, out={o}, rank={r}, alpha={alpha}, x{list(x.shape)}; B set to random values")


def generate():
    rng = np.random.default_rng(5)
    i, o, r, alpha = 12, 7, 4, 8.0
    x = _t(rng.normal(size=(5, i)).astype(np.float32))
    W = _t((rng.normal(size=(o, i)) / np.sqrt(i)).astype(np.float32))
    yield Case("output equals x·Wᵀ at init", args=(x, W), run="run_init",
               data={"sandbox": _dims(i, o, r, alpha, 1)},
               expected={"weight shape": (o, i), "A shape": (r, i), "B shape": (o, r), "scale": alpha / r,
                         "B is all zeros at init": True, "A is non-zero at init": True,
                         "output equals x·Wᵀ at init": True},
               summary=f"LoRALinear({i}, {o}, rank={r}, alpha={alpha}); judge's W copied in",
               why="B = 0 at init makes B·A = 0: the layer starts as the pretrained one; scale = alpha / rank")
    yield Case("only A and B train", run="run_trainable", data={"sandbox": _dims(32, 16, 4, 4.0, 2)},
               expected={"number of trainable parameters": 4 * (32 + 16), "weight is frozen": True,
                         "A trains": True, "B trains": True},
               summary="LoRALinear(32, 16, rank=4)",
               why="the pretrained weight is frozen; LoRA trains rank·(in + out) parameters")
    yield forward_case("forward once B is non-zero", rng, i, o, r, alpha, (5,),
                       why="y = x·Wᵀ + (alpha/rank)·x·Aᵀ·Bᵀ, gradients of x, A and B included")
    yield forward_case("square layer, 3-D input", rng, 10, 10, 2, 1.0, (2, 3),
                       why="with in = out a wrong order (x·B·A instead of x·Aᵀ·Bᵀ) runs but gives other values")
    x2 = _t(rng.normal(size=(16, 9)).astype(np.float32))
    W2 = _t((rng.normal(size=(6, 9)) / 3).astype(np.float32))
    y2 = _t(rng.normal(size=(16, 6)).astype(np.float32))
    yield Case("gradients over two SGD steps", args=(x2, W2, y2), run="run_steps",
               data={"sandbox": _dims(9, 6, 3, 3.0, 3)},
               expected={"A's gradient is zero on step 1 (B = 0)": True,
                         "B's gradient is non-zero on step 1": True,
                         "A's gradient is non-zero on step 2": True,
                         "B's gradient is non-zero on step 2": True,
                         "weight unchanged by the optimiser": True},
               summary="LoRALinear(9, 6, rank=3, alpha=3), MSE loss, SGD on the trainable parameters",
               why="B = 0 makes A's first gradient exactly 0, so step 1 moves only B; then both learn. "
                   "Were A zero too, neither would ever move.")
    # -- edge ---------------------------------------------------------------------------------
    yield forward_case("1-D input", rng, 8, 5, 2, 2.0, (), tier="edge", why="x of shape (in,) works too")
    yield forward_case("rank 1, wide layer", rng, 64, 3, 1, 0.5, (4,), tier="edge")
    yield Case("weight is saved with the module", run="run_saved", data={"sandbox": _dims(6, 4, 2, 2.0, 4)},
               expected={"weight is in state_dict()": True, "A is in state_dict()": True,
                         "B is in state_dict()": True},
               summary="LoRALinear(6, 4, rank=2): state_dict() keys", tier="edge",
               why="a frozen weight kept as a plain tensor attribute is neither saved nor loaded with the "
                   "module (nor moved by .to(device)): make it a Parameter with requires_grad=False or a buffer")
