"""Outputs the judge cannot show as they are (a huge int, a huge list) get a failing verdict with
a bounded message, never a traceback of mlkata's own."""

from __future__ import annotations

import json


def _check(mlkata, tmp_path, problem: str, code: str) -> dict:
    path = tmp_path / "sub.py"
    path.write_text(code)
    r = mlkata("check", problem, "--file", str(path), "--json")
    assert r.exit_code == 1, r.output
    assert "Traceback (most recent call last)" not in r.output
    return json.loads(r.output)


def test_an_int_too_long_to_print_is_a_failure(mlkata, tmp_path):
    result = _check(mlkata, tmp_path, "climbing-stairs", "def climb(n):\n    return 10 ** 100000\n")
    assert result["status"] == "fail"
    assert "digits" in result["tests"][0]["message"]


def test_a_check_hook_message_about_a_huge_output_is_capped(mlkata, tmp_path):
    result = _check(mlkata, tmp_path, "two-sum", "def two_sum(nums, target):\n    return list(range(200_000))\n")
    assert result["status"] == "fail"
    assert all(len(t["message"] or "") <= 2000 for t in result["tests"])


def test_returning_a_tuple_where_a_differentiable_tensor_is_expected_says_so(mlkata, tmp_path):
    code = (
        "import torch\n"
        "def scaled_dot_product_attention(Q, K, V, mask=None):\n"
        "    s = Q @ K.transpose(-2, -1) / Q.shape[-1] ** 0.5\n"
        "    if mask is not None:\n"
        "        s = s.masked_fill(mask, float('-inf'))\n"
        "    w = torch.softmax(s, -1).nan_to_num(0.0)\n"
        "    return w @ V, w\n"  # the weights too, as many tutorials do
    )
    result = _check(mlkata, tmp_path, "attention", code)
    assert "returned tuple, not a torch.Tensor" in result["tests"][0]["message"]
