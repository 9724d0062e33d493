"""Cases for `rope`. Oracle, independent of the reference's rotate_half form: each pair
(x_i, x_{i+d/2}) is the complex number x_i + i·x_{i+d/2}, multiplied in float64 by
torch.polar(1, position · base^(-2i/d)); real and imaginary parts go back to the two halves.
The result is cast to the input dtype."""

import torch

from mlkata.judge.spec import Case

EPS = {torch.float64: 2.2e-16, torch.float32: 1.2e-7}


def rope_complex(x, positions, base):
    d = x.shape[-1]
    x = x.to(torch.float64)
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)         # (d/2,)
    angles = positions.to(torch.float64)[:, None] * inv_freq[None, :]           # (T, d/2)
    z = torch.complex(x[..., : d // 2], x[..., d // 2:])                         # (..., T, d/2)
    w = z * torch.polar(torch.ones_like(angles), angles)                         # rotate each pair
    return torch.cat([w.real, w.imag], dim=-1)


def run_rope(entry, case):
    out = entry(*case.args, **case.kwargs)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise TypeError("apply_rope must return a pair (q_rot, k_rot)")
    return {"q_rot": out[0], "k_rot": out[1]}


def case(name, seed, q_shape, k_shape, positions, base=10000.0, dtype=torch.float32, tier="core", why=None):
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(*q_shape, generator=g, dtype=torch.float64).to(dtype)
    k = torch.randn(*k_shape, generator=g, dtype=torch.float64).to(dtype)
    pos = torch.as_tensor(positions, dtype=torch.int64)
    expected = {"q_rot": rope_complex(q, pos, base).to(dtype), "k_rot": rope_complex(k, pos, base).to(dtype)}
    # a correct implementation in the input dtype rounds the angle pos·theta by ~pos·eps radians
    scale = max(float(q.abs().max()), float(k.abs().max()))
    eps = EPS[dtype]
    tol = {"rtol": 8 * eps, "atol": scale * eps * (16 + 4 * float(pos.max()))}
    return Case(name, args=(q, k, pos), kwargs={"base": base}, expected=expected, tier=tier, why=why, tol=tol, run="run_rope",
                summary=f"q{list(q_shape)}, k{list(k_shape)} {str(dtype).replace('torch.', '')}, "
                        f"positions {pos.tolist() if len(pos) <= 8 else f'{pos[0].item()}..{pos[-1].item()}'}, base {base:g}")


def generate():
    yield case("d = 4, three tokens", 1, (1, 1, 3, 4), (1, 1, 3, 4), [0, 1, 2], dtype=torch.float64,
               why="pairs are (x_i, x_{i+d/2}); position 0 is left unchanged")
    yield case("heads, float32", 2, (2, 4, 6, 8), (2, 4, 6, 8), range(6),
               why="rotate q and k alike, broadcasting the (T, d) angles over batch and heads")
    yield case("grouped keys", 3, (1, 8, 5, 16), (1, 2, 5, 16), range(5),
               why="k may have fewer heads than q: each tensor is rotated on its own")
    yield case("d = 64, float64", 4, (2, 2, 12, 64), (2, 2, 12, 64), range(12), dtype=torch.float64,
               why="32 frequencies theta_i = base^(-2i/d), from 1 down to ~1/base")
    yield case("base 500000 (Llama 3)", 5, (1, 2, 7, 32), (1, 2, 7, 32), range(7), base=500000.0,
               dtype=torch.float64, why="the base is a parameter")
    yield case("d = 2, a single pair", 6, (3, 4, 2), (3, 4, 2), range(4), dtype=torch.float64,
               why="one frequency (1): a plain 2-D rotation by the position")
    yield case("KV-cache decode step at position 37", 7, (2, 4, 1, 16), (2, 4, 1, 16), [37],
               why="one new token after 37 cached ones: its position is the cache length, not 0")
    # -- edge: more positions that are not 0..T-1 -----------------------------------------
    yield case("chunk at offset 100", 8, (1, 2, 5, 16), (1, 2, 5, 16), range(100, 105), dtype=torch.float64,
               tier="edge", why="a chunked prefill after 100 cached tokens starts at position 100")
    yield case("non-contiguous positions", 9, (1, 2, 5, 8), (1, 2, 5, 8), [0, 3, 7, 8, 20], dtype=torch.float64,
               tier="edge", why="packed or padded sequences: use the positions given, not arange(T)")
    yield case("odd positions", 10, (2, 1, 5, 8), (2, 1, 5, 8), [1, 3, 5, 7, 9], tier="edge",
               why="the positions, not their index")
    yield case("positions near 4096, float32", 11, (1, 2, 6, 32), (1, 2, 6, 32), range(4090, 4096), tier="edge",
               why="large angles: compute them accurately (float32 angle rounding is allowed for)")
