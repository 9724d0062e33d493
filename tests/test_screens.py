"""Every main screen fits an 80×24 terminal: rendered at 80 columns with Rich's recording
console (scripts/screens.py, which also writes docs/screens/*.svg), then measured."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screens.py"


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("screens", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["screens"] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    tmp = tmp_path_factory.mktemp("screens")
    (tmp / "ws").mkdir()
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("MLKATA_HOME", str(tmp / "home"))
        mp.setenv("MLKATA_WORKSPACE", str(tmp / "ws"))
        for k, v in mod.ENV.items():                # 80×24, exact FSRS intervals
            mp.setenv(k, v)
        mod.history(tmp / "home", tmp / "ws")
        yield mod, {s.name: s for s in mod.screens()}
    finally:
        mp.undo()
        sys.modules.pop("screens", None)
        import mlkata.terminal

        mlkata.terminal._console = None


def test_every_main_screen_fits_80_by_24(shots):
    mod, screens = shots
    assert {"dashboard", "check-fail", "check-pass", "hint", "review", "watch", "next", "stats", "log", "list",
            "demo-list"} <= set(screens)
    for name, s in screens.items():
        lines = s.text.rstrip("\n").split("\n")
        assert max(cell_len(ln) for ln in lines) <= 80, (name, max(lines, key=cell_len))
        assert len(lines) <= 23, (name, len(lines))  # the 24th line is the shell's prompt (or the cursor)
        assert s.svg.startswith("<svg") and "</svg>" in s.svg


def test_screens_say_what_matters_first(shots):
    _, screens = shots
    fail = screens["check-fail"].text
    assert "FAIL softmax" in fail and "Looks like" in fail
    assert fail.index("Looks like") < fail.index("this case checks")      # the mistake, then the cases
    assert fail.rstrip().splitlines()[-1].startswith("next:")
    assert screens["check-pass"].text.rstrip().splitlines()[-1].startswith("next:")
    watch = screens["watch"].text
    assert watch.startswith("mlkata watch") and "save to check" in watch.rstrip().splitlines()[-1]
    dash = screens["dashboard"].text
    assert "next:" in dash and "weakest topics" in dash


def test_log_and_list_rows_are_one_line_each(shots):
    from mlkata.bank import load_bank

    _, screens = shots
    lines = screens["log"].text.rstrip("\n").split("\n")
    # what was practised (softmax): title, header, its row, the caption and what is left out
    assert [ln.split()[0] for ln in lines[2:3]] == ["softmax"] and len(lines) == 5
    assert "mlkata log --all" in lines[-1]
    attention = [p.id for p in load_bank().ordered() if p.topic == "attention"]
    lines = screens["list"].text.rstrip("\n").split("\n")
    assert [ln.split()[0] for ln in lines[2:-1]] == attention  # header, topic, one line each, caption
