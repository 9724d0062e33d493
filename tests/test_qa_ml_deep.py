"""Wrong verdicts and misleading messages found by the deep QA pass on the ML problems,
pinned through the CLI."""

from __future__ import annotations

import json


def _check(mlkata, tmp_path, pid, code, *flags):
    f = tmp_path / "cand.py"
    f.write_text(code)
    res = mlkata("check", pid, "--file", str(f), "--json", *flags)
    return res.exit_code, json.loads(res.output)


FLOAT_PADDING_MASK = """import torch
def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).triu(1)
def padding_mask(lengths, n):
    return (torch.arange(n)[None, :] >= lengths[:, None])[:, None, None, :].float()
def sliding_window_mask(n, window):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j > i) | (j <= i - window)
def prefix_lm_mask(n, prefix_len):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j > i) & (j >= prefix_len)
def block_diagonal_mask(s):
    m = s.unsqueeze(-1) != s.unsqueeze(-2)
    return m.unsqueeze(1) if s.dim() == 2 else m
"""


def test_boolean_outputs_get_plain_messages(mlkata, tmp_path):
    # a float mask is a dtype error, but "keep the input's dtype" is wrong advice for a
    # boolean output built from integer lengths
    code, res = _check(mlkata, tmp_path, "attention-masks", FLOAT_PADDING_MASK)
    assert code == 1
    msgs = {t["name"]: t["message"] for t in res["tests"] if t["status"] != "pass"}
    pad = msgs["padding, lengths [4, 2, 6]"]
    assert "expected torch.bool" in pad and "keep the input" not in pad
    # element messages print booleans as Python booleans, not numpy reprs
    wrong_causal = FLOAT_PADDING_MASK.replace("triu(1)", "triu(0)")
    code, res = _check(mlkata, tmp_path, "attention-masks", wrong_causal)
    msg = next(t["message"] for t in res["tests"] if t["name"] == "causal n=5")
    assert "expected False, got True" in msg and "np." not in msg


FLOAT_LABEL_SMOOTHING = """import torch
import torch.nn.functional as F
def label_smoothing_cross_entropy(logits, labels, eps=0.1):
    logp = F.log_softmax(logits, -1)
    C = logits.shape[-1]
    q = torch.full_like(logp, eps / C).scatter(1, labels[:, None], 1 - eps + eps / C)
    return (-(q * logp).sum(-1).mean()).item()
"""


def test_gradient_problem_returning_a_float_is_told_why(mlkata, tmp_path):
    # the judge back-propagates through the result; a Python float used to be reported as
    # "expected a tuple of 2, got float" (the judge's internal (output, grads) pair)
    code, res = _check(mlkata, tmp_path, "label-smoothing-cross-entropy", FLOAT_LABEL_SMOOTHING)
    assert code == 1
    msg = res["tests"][0]["message"]
    assert "tuple of 2" not in msg and "returned float, not a torch.Tensor" in msg
    assert "back-propagates" in msg


DETACHED_FILTER = """import math
import torch
def filter_logits(logits, top_k=0, top_p=1.0, temperature=1.0):
    rows = logits.reshape(-1, logits.shape[-1]).tolist()
    out = []
    for r in rows:
        if temperature == 0:
            j = max(range(len(r)), key=lambda i: r[i])
            out.append([r[i] if i == j else -math.inf for i in range(len(r))])
            continue
        z = [v / temperature for v in r]
        if 0 < top_k < len(z):
            kth = sorted(z, reverse=True)[top_k - 1]
            z = [v if v >= kth else -math.inf for v in z]
        if top_p < 1.0:
            m = max(z); e = [math.exp(v - m) for v in z]; s = sum(e)
            tot, keep = 0.0, set()
            for i in sorted(range(len(z)), key=lambda i: -e[i]):
                keep.add(i); tot += e[i] / s
                if tot >= top_p:
                    break
            z = [z[i] if i in keep else -math.inf for i in range(len(z))]
        out.append(z)
    return torch.tensor(out, dtype=logits.dtype).reshape(logits.shape)
"""


def test_detached_output_is_told_the_graph_was_cut(mlkata, tmp_path):
    code, res = _check(mlkata, tmp_path, "top-k-top-p-filter", DETACHED_FILTER)
    assert code == 1
    bad = {t["name"]: t for t in res["tests"] if t["status"] != "pass"}
    assert set(bad) == {"gradient reaches the kept logits"}     # the values themselves are right
    msg = bad["gradient reaches the kept logits"]["message"]
    assert "NoneType" not in msg and "not connected to the inputs through autograd" in msg


MHA = """import math
import torch
import torch.nn as nn

class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.W_qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.W_o = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, mask=None):
        B, N, D = x.shape
        q, k, v = self.W_qkv(x).split(D, dim=-1)
        q, k, v = (t.view(B, N, self.h, D // self.h).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(D // self.h)
        if mask is not None:
            att = att.masked_fill(mask, float("-inf"))
        y = att.softmax(dim=-1) @ v
        return self.W_o(y.transpose(1, 2).reshape(B, N, D))
"""


def test_an_unrelated_runtime_error_is_not_named_as_a_known_mistake(mlkata, tmp_path):
    # q @ k without the transpose raises a RuntimeError (a shape mismatch); the known mistake
    # `.view()` after transpose also raises a RuntimeError, with another message: matching on
    # the exception type alone named it
    no_transpose = MHA.replace("q @ k.transpose(-2, -1)", "q @ k")
    code, res = _check(mlkata, tmp_path, "multi-head-attention", no_transpose)
    assert code == 1 and res["status"] == "error"
    assert res["diagnosis"] is None
    # the real mistake is still recognised, on every shape
    view = MHA.replace("y.transpose(1, 2).reshape(B, N, D)", "y.transpose(1, 2).view(B, N, D)")
    code, res = _check(mlkata, tmp_path, "multi-head-attention", view)
    assert code == 1 and res["diagnosis"]["id"] == "view-without-contiguous"
