"""Cases for `conv2d`. Oracle: torch.nn.functional.conv2d in float64 (cross-correlation, NCHW,
weight (C_out, C_in, kH, kW), symmetric zero padding), cast to the input dtype."""

import numpy as np
import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def oracle(x, weight, bias, stride, padding, dilation):
    t = lambda a: None if a is None else torch.from_numpy(a.astype(np.float64))  # noqa: E731
    out = F.conv2d(t(x), t(weight), t(bias), stride=stride, padding=padding, dilation=dilation)
    return out.numpy().astype(x.dtype)


def case(name, rng, xs, ws, bias=True, stride=1, padding=0, dilation=1, dtype=np.float64, tier="core", why=None,
         as_kwargs=True):
    x = rng.normal(size=xs).astype(dtype)
    w = (rng.normal(size=ws) / np.sqrt(ws[1] * ws[2] * ws[3])).astype(dtype)
    b = rng.normal(size=ws[0]).astype(dtype) if bias else None
    expected = oracle(x, w, b, stride, padding, dilation)
    opts = {"stride": stride, "padding": padding, "dilation": dilation}
    default = {"stride": 1, "padding": 0, "dilation": 1}
    given = {k: v for k, v in opts.items() if v != default[k]}
    shown = ", ".join(f"{k}={v}" for k, v in given.items())
    kwargs = given if as_kwargs else {}
    args = (x, w, b) if as_kwargs else (x, w, b, stride, padding, dilation)
    return Case(name, args=args, kwargs=kwargs, expected=expected, tier=tier, why=why,
                summary=f"x{list(xs)} {np.dtype(dtype).name}, weight{list(ws)}, bias {'yes' if bias else 'None'}"
                        + (f", {shown}" if shown else "") + f" -> {list(expected.shape)}")


def generate():
    rng = np.random.default_rng(2)
    yield case("3x3 kernel, no padding", rng, (2, 3, 6, 7), (4, 3, 3, 3),
               why="y[n, o, i, j] = b[o] + Σ_c,u,v w[o, c, u, v] · x[n, c, i + u, j + v]: the kernel is NOT "
                   "flipped (PyTorch computes a cross-correlation)")
    yield case("stride 2, padding 1", rng, (2, 2, 8, 8), (3, 2, 3, 3), stride=2, padding=1,
               why="H_out = floor((8 + 2 - 3) / 2) + 1 = 4: the division rounds down; zeros padded on all four sides")
    yield case("dilation 2, padding 2", rng, (1, 2, 9, 9), (2, 2, 3, 3), padding=2, dilation=2,
               why="a 3x3 kernel with dilation 2 spans 5 pixels: H_out = 9 + 4 - 2·(3 - 1) - 1 + 1 = 9")
    yield case("C_in = C_out = W_out", rng, (2, 4, 5, 6), (4, 4, 3, 3),
               why="square channels: a weight read as (C_in, C_out) runs and gives other values, and a bias "
                   "added along the last axis broadcasts silently")
    yield case("float32, per-axis stride, padding, dilation", rng, (2, 3, 9, 8), (2, 3, 2, 3), stride=(2, 1),
               padding=(1, 0), dilation=(1, 2), dtype=np.float32, as_kwargs=False,
               why="pairs give (height, width) values; all three passed positionally; the output keeps float32")
    # -- edge ---------------------------------------------------------------------------------
    yield case("1x1 kernel, stride 3, no bias", rng, (3, 5, 7, 7), (2, 5, 1, 1), bias=False, stride=3, tier="edge",
               why="bias=None adds nothing; a 1x1 kernel is a per-pixel linear map")
    yield case("kernel covers the padded input", rng, (1, 2, 3, 4), (3, 2, 5, 6), padding=1, tier="edge",
               why="the window fits exactly once: a 1x1 output")
