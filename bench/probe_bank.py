"""A throw-away copy of the bank with tiny probe problems, for benchmarks and tests only.

`make_bank(dir)` copies the real bank to `dir` and adds
* `probe-torch-linear`: a torch problem (y = x @ W^T + b) whose cases are large enough
  for torch to use its intra-op threads, so a forked child exercises them;
* `probe-python-echo`: a pure-Python problem with tight limits, for hostile submissions.
Point mlkata at it with MLKATA_BANK=<dir>. Nothing here is part of the real bank.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

TORCH_TOML = '''
format_version = 1
id = "probe-torch-linear"
title = "Probe: a linear layer in torch"
topic = "foundations"
level = "L1"
framework = "torch"
entry = "linear"
sections = ["S1"]
cards = []
forbidden = ["torch.nn.functional.linear"]
hints = ["x @ W^T", "transpose W", "return x @ w.T + b"]

[limits]
time = 60
memory = 1024

[tolerance]
why = "float32 matmul of width 256: a few ulps times sqrt(256)"
float32 = {{rtol = 1e-4, atol = 1e-4}}
float64 = {{rtol = 1e-10, atol = 1e-10}}

[[mistakes]]
id = "no-bias"
title = "forgetting the bias"
explain = "The layer adds b after the product."
section = "S1"

[[mistakes]]
id = "no-transpose"
title = "x @ W instead of x @ W^T"
explain = "W is (out, in): multiply by its transpose."
section = "S1"
'''

TORCH_CASES = '''
import torch
from mlkata.judge.spec import Case


def generate():
    g = torch.Generator().manual_seed(0)
    for n, d in ((4, 3), (64, 256), (256, 256)):
        x = torch.randn(n, d, generator=g)
        w = torch.randn(d + 1, d, generator=g)
        b = torch.randn(d + 1, generator=g)
        want = (x.double() @ w.double().T + b.double()).float()
        yield Case(f"{n}x{d}", args=(x, w, b), expected=want)
'''

PY_TOML = '''
format_version = 1
id = "probe-python-echo"
title = "Probe: return the list doubled"
topic = "algorithms"
level = "L1"
framework = "python"
entry = "double"
sections = ["S1"]
cards = []
forbidden = []
hints = ["multiply", "a list comprehension", "return [2 * v for v in xs]"]

[limits]
time = {time}
memory = 256
processes = 8

[tolerance]
why = "integers: exact"

[[mistakes]]
id = "no-double"
title = "returning the input"
explain = "Each value must be doubled."
section = "S1"

[[mistakes]]
id = "square"
title = "squaring instead of doubling"
explain = "Double, do not square."
section = "S1"

[[mistakes]]
id = "reversed"
title = "reversing the list"
explain = "Keep the order."
section = "S1"
'''

PY_CASES = '''
from mlkata.judge.spec import Case


def generate():
    yield Case("three", args=([1, 2, 3],), expected=[2, 4, 6])
    yield Case("ten", args=(list(range(10)),), expected=[2 * v for v in range(10)])
'''

FILES = {
    "probe-torch-linear": {
        ".meta/problem.toml": TORCH_TOML,
        ".meta/cases.py": TORCH_CASES,
        ".meta/solution.py": "def linear(x, w, b):\n    return x @ w.T + b  # (N, out)\n",
        ".meta/mistakes/no-bias.py": "def linear(x, w, b):\n    return x @ w.T\n",
        ".meta/mistakes/no-transpose.py": "def linear(x, w, b):\n    return x @ w[:, :x.shape[1]] + b[:x.shape[1]]\n",
        "starter.py": "def linear(x, w, b):\n    raise NotImplementedError\n",
        "statement.md": "# Probe\n\nReturn `x @ w.T + b`.\n",
    },
    "probe-python-echo": {
        ".meta/problem.toml": PY_TOML,
        ".meta/cases.py": PY_CASES,
        ".meta/solution.py": "def double(xs):\n    return [2 * v for v in xs]\n",
        ".meta/mistakes/no-double.py": "def double(xs):\n    return list(xs)\n",
        ".meta/mistakes/square.py": "def double(xs):\n    return [v * v for v in xs]\n",
        ".meta/mistakes/reversed.py": "def double(xs):\n    return [2 * v for v in reversed(xs)]\n",
        "starter.py": "def double(xs):\n    raise NotImplementedError\n",
        "statement.md": "# Probe\n\nReturn every value doubled.\n",
    },
}


def make_bank(dest: Path, time_limit: float = 20) -> Path:
    """Copy the real bank to `dest` and add the probe problems; returns the bank root."""
    from mlkata.bank import load_bank

    dest = Path(dest)
    shutil.copytree(load_bank().root, dest, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    for pid, files in FILES.items():
        for rel, text in files.items():
            path = dest / "problems" / pid / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = textwrap.dedent(text).lstrip()
            if rel.endswith("problem.toml"):
                text = text.replace("{time}", str(time_limit)).replace("{{", "{").replace("}}", "}")
            path.write_text(text)
    return dest
