"""Attention-kernel problems judged through the CLI as a user would see them: the memory cap
of flash-attention-forward, and the error a transformer-block with another layout gets."""

from __future__ import annotations

import json

NAIVE_FLASH = '''import math
import torch

def flash_attention(Q, K, V, block_size=64, causal=False):
    s = (Q @ K.transpose(-2, -1)) / math.sqrt(Q.size(-1))
    if causal:
        n = Q.size(2)
        s = s.masked_fill(torch.triu(torch.ones(n, n, dtype=torch.bool), 1), float("-inf"))
    return s.softmax(dim=-1) @ V
'''


def test_full_score_matrix_runs_out_of_memory_and_is_named(mlkata, tmp_path):
    mine = tmp_path / "flash.py"
    mine.write_text(NAIVE_FLASH)
    r = mlkata("check", "flash-attention-forward", "--file", str(mine), "--json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["status"] == "oom"
    assert data["diagnosis"]["id"] == "naive-full-attention"
    by_name = {t["name"]: t for t in data["tests"]}
    # right values on short sequences: only the long one fails, for memory
    assert all(t["status"] == "pass" for t in data["tests"] if t["tier"] == "core" and "long" not in t["name"])
    assert by_name["long sequence, N = 12288 (memory cap)"]["status"] == "oom"


def test_block_with_another_layout_is_told_which_parameter_is_missing(mlkata, tmp_path):
    mine = tmp_path / "block.py"
    mine.write_text(
        "import torch.nn as nn\n"
        "class TransformerBlock(nn.Module):\n"
        "    def __init__(self, d_model, n_heads, d_ff, pre_ln=True):\n"
        "        super().__init__()\n"
        "        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)\n"
        "    def forward(self, x, mask=None):\n"
        "        return x\n"
    )
    r = mlkata("check", "transformer-block", "--file", str(mine), "--json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    first = data["tests"][0]
    assert first["status"] == "error"
    assert "ln1.weight" in first["message"] and "layout" in first["message"]
