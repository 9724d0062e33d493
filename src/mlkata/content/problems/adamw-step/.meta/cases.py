"""Cases for `adamw-step`. A run hook trains a noisy quadratic for many steps with the
candidate's update: at step t the gradient is curv * (param - target) + noise[t], computed
from the candidate's own parameters, so every error compounds as it would in training.
Oracle: torch.optim.AdamW's update (torch.optim.adamw.adamw) in float64 on the same problem
(same gradients from its own parameters), cast to the input dtype; its exp_avg / exp_avg_sq
are the expected m, v."""

import numpy as np

from mlkata.judge.spec import Case


def _check_array(name, x, like):
    if isinstance(x, np.generic):  # NumPy arithmetic on 0-d arrays gives NumPy scalars
        x = np.asarray(x)
    if not isinstance(x, np.ndarray):
        raise TypeError(f"adamw_step must return NumPy arrays; {name} is a {type(x).__name__}")
    if x.shape != like.shape:
        raise ValueError(f"{name} has shape {x.shape}, expected {like.shape} (the shape of param)")
    return x


def run_steps(entry, case):
    """Steps t0+1 .. t0+n; returns the parameters after every step and the final m, v."""
    p, curv, target, noise, m, v = case.args
    t0 = case.data["t0"]
    trajectory = []
    for i in range(noise.shape[0]):
        g = curv * (p - target) + noise[i]
        out = entry(p.copy(), g, m.copy(), v.copy(), t0 + i + 1, **case.kwargs)
        if not isinstance(out, (tuple, list)) or len(out) != 3:
            raise TypeError("adamw_step must return a tuple (param, m, v)")
        p, m, v = (_check_array(n, x, p) for n, x in zip(("param", "m", "v"), out))
        trajectory.append(p)
    return {"param after each step": np.stack(trajectory), "final m": m, "final v": v}


def oracle(p0, curv, target, noise, m0, v0, t0, kw):
    # torch.optim.AdamW's own update function (torch.optim.adamw.adamw, what the optimiser
    # class calls): the class's constructor imports torch._dynamo, seconds on a first check.
    # tests/test_bank_beyond_a.py checks this path against the class.
    import torch
    from torch.optim.adamw import adamw

    d = lambda a: torch.from_numpy(np.array(a, dtype=np.float64))
    p, m, v = d(p0), d(m0), d(v0)
    step = torch.tensor(float(t0), dtype=torch.float64)   # steps already taken (a checkpoint's state)
    beta1, beta2 = kw["betas"]
    traj = []
    for i in range(noise.shape[0]):
        g = d(curv) * (p - d(target)) + d(noise[i])
        adamw([p], [g], [m], [v], [], [step], foreach=False, capturable=False, differentiable=False, fused=None,
              grad_scale=None, found_inf=None, has_complex=False, amsgrad=False, beta1=beta1, beta2=beta2,
              lr=kw["lr"], weight_decay=kw["weight_decay"], eps=kw["eps"], maximize=False)
        traj.append(p.clone())
    dt = p0.dtype
    return {"param after each step": torch.stack(traj).numpy().astype(dt), "final m": m.numpy().astype(dt),
            "final v": v.numpy().astype(dt)}


def case(name, seed, shape, steps, dtype=np.float64, grad_scale=1.0, t0=0, tier="core", why=None, tol=None, **kw):
    rng = np.random.default_rng(seed)
    p0 = rng.normal(size=shape).astype(dtype)
    curv = rng.uniform(0.5, 2.0, size=shape).astype(dtype) * grad_scale
    target = rng.normal(size=shape).astype(dtype)
    noise = (rng.normal(size=(steps, *shape)) * 0.3 * grad_scale).astype(dtype)
    if t0:
        m0 = (rng.normal(size=shape) * 0.1 * grad_scale).astype(dtype)
        v0 = (rng.uniform(0.5, 1.5, size=shape) * 0.1 * grad_scale ** 2).astype(dtype)
    else:
        m0, v0 = np.zeros(shape, dtype), np.zeros(shape, dtype)
    expected = oracle(p0, curv, target, noise, m0, v0, t0, kw)
    hp = ", ".join(f"{k}={v}" for k, v in kw.items())
    return Case(name, args=(p0, curv, target, noise, m0, v0), kwargs=kw, expected=expected, tier=tier, why=why,
                run="run_steps", data={"sandbox": {"t0": t0}}, tol=tol,
                summary=f"param{list(shape)} {np.dtype(dtype).name}, {steps} steps from step {t0 + 1}, {hp}")


def generate():
    yield case("defaults, 30 steps", 1, (5,), 30, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
               why="the torch.optim.AdamW defaults; the first steps show the bias correction")
    yield case("strong decay, large lr", 2, (3, 4), 40, lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.5,
               why="decoupled decay: param *= 1 - lr·wd, outside the adaptive denominator and not in the gradient")
    yield case("other betas", 3, (6,), 25, lr=0.02, betas=(0.8, 0.95), eps=1e-8, weight_decay=0.1,
               why="both bias corrections use their own beta: 1 - beta1^t and 1 - beta2^t")
    yield case("no weight decay", 4, (4,), 20, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
               why="weight_decay = 0 is plain Adam")
    yield case("small gradients", 5, (5,), 30, grad_scale=1e-5, lr=0.01, betas=(0.9, 0.999), eps=1e-8,
               weight_decay=0.1, why="gradients of 1e-5: eps must be added to sqrt(v̂), not inside it (sqrt(1e-8) = 1e-4)")
    yield case("float32, 60 steps", 6, (8,), 60, dtype=np.float32, lr=0.01, betas=(0.9, 0.999), eps=1e-8,
               weight_decay=0.05, why="keep the parameter's dtype (float32) for param, m and v")
    # -- edge -----------------------------------------------------------------------------
    yield case("resume at step 1000", 7, (5,), 15, t0=1000, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1,
               tier="edge", why="restarting from a checkpoint: m, v carry over and the bias correction uses the global step")
    yield case("single step, 0-d parameter", 8, (), 1, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.2,
               tier="edge", why="one step from zero moments: the update is lr·sign(g) (bias correction), minus the decay")
    yield case("large eps, 2-D", 9, (2, 3), 20, lr=0.05, betas=(0.9, 0.99), eps=1e-3, weight_decay=0.01,
               tier="edge", why="eps = 1e-3: where it goes changes the step size")
