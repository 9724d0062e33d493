"""The attention problems judge what they promise: mask convention, empty rows, head grouping."""

from __future__ import annotations

import json

# an unguarded -inf fill: right on every core case, NaN for a query that sees no key
MINUS_INF = """
import torch

def scaled_dot_product_attention(Q, K, V, mask=None):
    s = torch.einsum("bhqd,bhkd->bhqk", Q, K) / Q.shape[-1] ** 0.5
    if mask is not None:
        s = s.masked_fill(mask, float("-inf"))
    return torch.einsum("bhqk,bhkd->bhqd", s.softmax(-1), V)
"""

TORCH_SDPA = """
import torch.nn.functional as F

def scaled_dot_product_attention(Q, K, V, mask=None):
    return F.scaled_dot_product_attention(Q, K, V, attn_mask=None if mask is None else ~mask)
"""

GQA_TILED = """
import torch

def grouped_query_attention(Q, K, V, mask=None):
    r = Q.shape[1] // K.shape[1]
    K, V = torch.cat([K] * r, dim=1), torch.cat([V] * r, dim=1)
    w = (Q @ K.transpose(-1, -2) / Q.shape[-1] ** 0.5)
    if mask is not None:
        w = w.masked_fill(mask, torch.finfo(w.dtype).min)
    return w.softmax(-1) @ V
"""


def _check(mlkata, tmp_path, problem, source, *flags):
    path = tmp_path / "mine.py"
    path.write_text(source)
    r = mlkata("check", problem, "--file", str(path), "--json", *flags)
    return r.exit_code, json.loads(r.output)


def test_unguarded_minus_inf_passes_core_but_not_the_empty_row(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "attention", MINUS_INF)
    assert code == 0 and data["status"] == "pass"
    code, data = _check(mlkata, tmp_path, "attention", MINUS_INF, "--strict")
    assert code == 1 and data["status"] == "fail"
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["fully masked query row"]["status"] == "fail"
    assert tests["fully masked query row"]["diagnosis"] == "nan-on-empty-row"
    assert all(t["status"] == "pass" for t in data["tests"] if t["tier"] == "core")


def test_calling_torch_sdpa_is_forbidden(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "attention", TORCH_SDPA)
    assert code == 1 and data["status"] == "forbidden"
    assert "scaled_dot_product_attention" in data["message"]


def test_gqa_tiling_kv_heads_is_diagnosed(mlkata, tmp_path):
    # torch.cat([K] * r) tiles the KV heads like repeat: head i reads KV head i % g
    code, data = _check(mlkata, tmp_path, "grouped-query-attention", GQA_TILED)
    assert code == 1 and data["status"] == "fail"
    assert data["diagnosis"]["id"] == "repeat-not-interleave"
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["g = h (plain multi-head)"]["status"] == "pass"
    assert tests["g = 1 (multi-query)"]["status"] == "pass"
    assert tests["h=4, g=2"]["status"] == "fail"


def test_masks_with_true_meaning_attend_are_diagnosed(mlkata, tmp_path):
    from mlkata.bank import load_bank

    ref = load_bank().get("attention-masks").solution_path.read_text()
    flipped = ref.replace("    return j > i  # (n, n)", "    return j <= i  # (n, n)")
    assert flipped != ref
    code, data = _check(mlkata, tmp_path, "attention-masks", flipped)
    assert code == 1
    assert data["diagnosis"]["id"] == "inverted-convention"
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["causal n=5"]["status"] == "fail" and tests["padding, lengths [4, 2, 6]"]["status"] == "pass"
