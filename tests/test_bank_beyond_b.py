"""The layers problems beyond the sheet (mlp-backprop, dropout, conv2d, swiglu) judge what their
statements promise, through the CLI: the references pass every tier, and submissions written
in another style than the known mistakes still get the right diagnosis."""

from __future__ import annotations

import json

import pytest

from mlkata.bank import load_bank


def _check(mlkata, tmp_path, problem, source, *flags):
    path = tmp_path / "mine.py"
    path.write_text(source)
    r = mlkata("check", problem, "--file", str(path), "--json", *flags)
    return r.exit_code, json.loads(r.output)


def _failing(data):
    return {t["name"]: t for t in data["tests"] if t["status"] != "pass"}


@pytest.mark.parametrize("problem", ["mlp-backprop", "dropout", "conv2d", "swiglu"])
def test_reference_passes_strict_and_starter_fails(mlkata, tmp_path, problem):
    p = load_bank().get(problem)
    code, data = _check(mlkata, tmp_path, problem, p.solution_path.read_text(), "--strict")
    assert code == 0 and data["status"] == "pass", data
    assert {t["tier"] for t in data["tests"]} == {"core", "edge"}
    code, data = _check(mlkata, tmp_path, problem, p.starter_path.read_text())
    assert code == 1 and data["status"] != "pass"


# -- mlp-backprop ---------------------------------------------------------------------------

MLP = """
import numpy as np

def mlp_forward_backward(x, y, W1, b1, W2, b2):
    B = len(y)
    pre = x @ W1 + b1
    act = np.where(pre > 0, pre, 0.0)
    logits = act @ W2 + b2
    {shift}
    p = np.exp(logits)
    p = p / p.sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(B), y]).mean()
    onehot = np.zeros_like(p)
    onehot[np.arange(B), y] = 1.0
    g = (p - onehot) {scale}
    d_act = g @ W2.T
    d_pre = np.where({mask}, d_act, 0.0)
    return loss, dict(W2=act.T @ g, b2=g.sum(0), W1=x.T @ d_pre, b1=d_pre.sum(0))
"""
SHIFT = "logits = logits - logits.max(axis=1, keepdims=True)"


def test_mlp_relu_derivative_one_at_zero_is_named_on_the_exact_zero_case(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "mlp-backprop", MLP.format(shift=SHIFT, scale="/ B", mask="pre >= 0"))
    assert code == 1 and data["status"] == "fail"
    assert set(_failing(data)) == {"pre-activations exactly 0"}
    assert data["diagnosis"]["id"] == "relu-grad-one-at-zero"


def test_mlp_nan_alone_does_not_decide_the_diagnosis(mlkata, tmp_path):
    # no max shift only: NaN on the case with logits near 1000, named by that case's signature
    code, data = _check(mlkata, tmp_path, "mlp-backprop", MLP.format(shift="", scale="/ B", mask="pre > 0"))
    assert code == 1 and set(_failing(data)) == {"logits near 1000"}
    assert data["diagnosis"]["id"] == "no-max-shift"
    # no max shift AND no 1/B: the NaN case still points at the shift, but the verdict goes to
    # the mistake that explains every other failing case
    code, data = _check(mlkata, tmp_path, "mlp-backprop", MLP.format(shift="", scale="", mask="pre > 0"))
    bad = _failing(data)
    assert code == 1 and len(bad) >= 4
    assert bad["logits near 1000"]["diagnosis"] == "no-max-shift"
    assert bad["small batch"]["diagnosis"] == "no-divide-by-batch"
    assert data["diagnosis"]["id"] == "no-divide-by-batch"


def test_mlp_two_unshifted_styles_get_their_own_diagnoses(mlkata, tmp_path):
    # log-sum-exp without the shift: the loss is inf and the gradients finite (no NaN at all),
    # a different signature from inf/inf = NaN, and a different diagnosis
    lse_style = MLP.format(shift="", scale="/ B", mask="pre > 0").replace(
        "loss = -np.log(p[np.arange(B), y]).mean()",
        "loss = np.mean(np.log(np.exp(logits).sum(axis=1)) - logits[np.arange(B), y])").replace(
        "p = p / p.sum(axis=1, keepdims=True)", "p = np.exp(logits - np.log(p.sum(axis=1, keepdims=True)))")
    code, data = _check(mlkata, tmp_path, "mlp-backprop", lse_style)
    assert code == 1 and set(_failing(data)) == {"logits near 1000"}
    assert data["diagnosis"]["id"] == "lse-without-shift"


def test_mlp_autograd_is_forbidden(mlkata, tmp_path):
    source = """
import torch

def mlp_forward_backward(x, y, W1, b1, W2, b2):
    ps = [torch.tensor(a, requires_grad=True) for a in (W1, b1, W2, b2)]
    z = torch.relu(torch.tensor(x) @ ps[0] + ps[1]) @ ps[2] + ps[3]
    loss = torch.nn.functional.cross_entropy(z, torch.tensor(y))
    loss.backward()
    return loss.item(), {k: p.grad.numpy() for k, p in zip(("W1", "b1", "W2", "b2"), ps)}
"""
    code, data = _check(mlkata, tmp_path, "mlp-backprop", source)
    assert code == 1 and data["status"] == "forbidden"


# -- dropout --------------------------------------------------------------------------------

DROPOUT = """
import numpy as np

def dropout(x, p, u, training=True):
    if not training:
        return x
    return np.where({keep}, x / (1 - p), np.zeros_like(x))
"""


def test_dropout_strict_boundary_is_named(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "dropout", DROPOUT.format(keep="u > p"))
    assert code == 1 and "u exactly equal to p" in _failing(data)
    assert data["diagnosis"]["id"] == "boundary-dropped"


def test_dropout_p_one_passes_core_and_fails_strict_with_its_diagnosis(mlkata, tmp_path):
    # right for every p < 1; with p = 1 it divides 0 by 0
    source = "def dropout(x, p, u, training=True):\n    return x * (u >= p) / (1 - p) if training else x\n"
    code, data = _check(mlkata, tmp_path, "dropout", source)
    assert code == 0 and data["status"] == "pass"
    code, data = _check(mlkata, tmp_path, "dropout", source, "--strict")
    assert code == 1 and set(_failing(data)) == {"p = 1"}
    assert data["diagnosis"]["id"] == "p-one-nan"


# -- conv2d ---------------------------------------------------------------------------------

CONV_LOOPS = """
import numpy as np

def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else v
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
    N, C, H, W = x.shape
    O, _, KH, KW = weight.shape
    w = weight{flip}
    xp = np.zeros((N, C, H + 2 * ph, W + 2 * pw), dtype=x.dtype)
    xp[:, :, ph:ph + H, pw:pw + W] = x
    Ho = (H + 2 * ph - dh * (KH - 1) - 1) // sh + 1
    Wo = (W + 2 * pw - dw * (KW - 1) - 1) // sw + 1
    out = np.zeros((N, O, Ho, Wo), dtype=x.dtype)
    for i in range(Ho):
        for j in range(Wo):
            win = xp[:, :, i * sh:i * sh + dh * (KH - 1) + 1:dh, j * sw:j * sw + dw * (KW - 1) + 1:dw]
            out[:, :, i, j] = np.tensordot(win, w, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias.reshape(1, -1, 1, 1)
    return out
"""


def test_conv2d_loops_pass_and_a_flipped_kernel_is_named(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "conv2d", CONV_LOOPS.format(flip=""), "--strict")
    assert code == 0 and data["status"] == "pass", data
    code, data = _check(mlkata, tmp_path, "conv2d", CONV_LOOPS.format(flip="[:, :, ::-1, ::-1]"))
    assert code == 1 and data["diagnosis"]["id"] == "kernel-flipped"


def test_conv2d_library_convolution_is_forbidden(mlkata, tmp_path):
    source = """
import numpy as np
from scipy.signal import correlate

def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    return correlate(x, weight)
"""
    code, data = _check(mlkata, tmp_path, "conv2d", source)
    assert code == 1 and data["status"] == "forbidden"


# -- swiglu ---------------------------------------------------------------------------------

SWIGLU = """
import torch
import torch.nn as nn
import torch.nn.functional as F

class SwiGLU(nn.Module):
    def __init__(self, dim, hidden_dim=None, multiple_of=1):
        super().__init__()
        h = hidden_dim or -(-{width} // multiple_of) * multiple_of
        self.w_gate = nn.Parameter(torch.zeros(h, dim))
        self.w_up = nn.Parameter(torch.zeros(h, dim))
        self.w_down = nn.Parameter(torch.zeros(dim, h))

    def forward(self, x):
        return F.linear({act}(F.linear(x, self.w_gate)) * F.linear(x, self.w_up), self.w_down)
"""


def test_swiglu_fused_style_passes_and_a_sigmoid_gate_is_named(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "swiglu", SWIGLU.format(width="(8 * dim // 3)", act="F.silu"), "--strict")
    assert code == 0 and data["status"] == "pass", data
    code, data = _check(mlkata, tmp_path, "swiglu", SWIGLU.format(width="(8 * dim // 3)", act="torch.sigmoid"))
    assert code == 1 and data["diagnosis"]["id"] == "sigmoid-not-silu"


def test_swiglu_classic_ffn_width_is_named(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "swiglu", SWIGLU.format(width="(4 * dim)", act="F.silu"))
    assert code == 1
    core = {n for n, t in _failing(data).items() if t["tier"] == "core"}
    assert core == {"default hidden size", "default hidden size, multiple_of=8"}
    assert data["diagnosis"]["id"] == "hidden-four-times-dim"


# -- demos ----------------------------------------------------------------------------------

def test_dropout_demo_inverted_scaling_keeps_the_mean():
    from mlkata import demos

    n = demos.run("dropout-scaling").numbers
    assert abs(n["train_over_eval_inverted"] - 1) < 0.02
    assert abs(n["train_over_eval_no_rescale"] - (1 - n["p"])) < 0.02


def test_relu_kink_demo_central_difference_measures_half():
    from mlkata import demos

    n = demos.run("relu-kink").numbers
    assert n["exact_zeros"] > 0 and n["gap_mask_gt"] == 0.0
    assert abs(n["gap_central_smallest_h"] - n["gap_mask_ge"] / 2) < 1e-6 * n["gap_mask_ge"]
