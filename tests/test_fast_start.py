"""The everyday commands start without importing NumPy or PyTorch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, runpy, sys
sys.argv = ["mlkata", *json.loads(sys.argv[1])]
try:
    runpy.run_module("mlkata", run_name="__main__")
except SystemExit:
    pass
sys.__stderr__.write("HEAVY=" + json.dumps(sorted(m for m in ("numpy", "torch") if m in sys.modules)) + "\\n")
"""


def _heavy_modules(args: list[str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                         env=dict(os.environ), timeout=120)
    line = next((ln for ln in out.stderr.splitlines() if ln.startswith("HEAVY=")), None)
    assert line is not None, out.stderr[-2000:]
    return json.loads(line[len("HEAVY="):])


@pytest.mark.parametrize("args", [["--help"], ["list"], ["show", "softmax"], ["review", "--help"],
                                  ["review"], ["watch", "--help"]])
def test_command_does_not_import_numpy_or_torch(args):
    from mlkata.cli.main import COMMANDS

    if args[0] not in COMMANDS and not args[0].startswith("-"):
        pytest.skip(f"no `{args[0]}` command in this build yet")
    assert _heavy_modules(args) == []


def test_importtime_of_help_lists_neither_numpy_nor_torch():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "mlkata", "--help"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "click" in imported  # the probe sees imports at all
    assert not {m for m in imported if m.split(".")[0] in ("numpy", "torch")}
