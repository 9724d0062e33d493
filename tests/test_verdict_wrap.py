"""A verdict at 80 columns: no line is longer, and every line that wrapping adds is indented
under the text it continues (a hanging indent), so a wrapped message, note or 'why' stays
readable. The same verdict is rendered at 1000 columns too, where nothing wraps: that gives
each printed line, and which lines at 80 columns it became."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len

from mlkata import terminal
from mlkata.judge.result import Diagnosis, Result
from mlkata.judge.result import TestResult as Case

LONG = ("the output differs from the expected values in row 3: the largest absolute error is 4.2e-01 "
        "at index (3, 17), the expected row sums to one but yours sums to 1.4181, which is what a missing "
        "normalisation gives")
WORD = "x" * 130  # one word wider than the terminal: folded, still indented


def verdict(status: str = "fail") -> Result:
    cases = [
        Case(name="a case with a rather long descriptive name about masks and shapes", tier="core",
                   status=status, message=LONG + "\n    aligned  1.000  2.000  3.000  " + "9.999  " * 12 + "\n" + WORD,
                   summary="x: (4, 1024) float32, mask: (4, 1024) bool, fully masked rows: 1, temperature 0.5",
                   why="a fully masked row must not turn into NaN: the sheet's trap with −inf masks, " + LONG,
                   output="printed a line that is quite long and goes on and on beyond the width " * 3),
        Case(name="another case", tier="core", status=status, message="short message", why="short why"),
        Case(name="edge one", tier="edge", status="fail", message=LONG),
    ]
    return Result(problem="longest-substring-without-repeating-characters", status=status,
                  message="the module raised while loading: " + LONG, tests=cases,
                  diagnosis=Diagnosis(id="no-max-shift", title="a softmax without the max shift",
                                      explain="exp overflows for large logits; " + LONG, section="§1.2 " * 20, tier="core"),
                  notes=["edge case 'float16 input' failed: " + LONG, "looks O(n²); target O(n): " + LONG],
                  duration=0.1234, output="a print at import time that is long enough to wrap at eighty columns " * 2)


def render(draw, width: int) -> list[str]:
    from rich.console import Console

    saved = terminal._console
    terminal._console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False, soft_wrap=False)
    try:
        with terminal.console().capture() as cap:
            draw()
        return cap.get().rstrip("\n").split("\n")
    finally:
        terminal._console = saved


def wrapped_blocks(wide: list[str], narrow: list[str]) -> list[list[str]]:
    """For each unwrapped line, the lines it became at the narrow width (matched by their text
    without whitespace, which wrapping only moves)."""
    def key(s: str) -> str:
        return "".join(s.split())

    blocks, i = [], 0
    for w in wide:
        target, acc, block = key(w), "", []
        while i < len(narrow) and (len(acc) < len(target) or not block):
            block.append(narrow[i])
            acc += key(narrow[i])
            i += 1
        assert acc == target, (w, block)
        blocks.append(block)
    assert i == len(narrow)
    return blocks


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def assert_hanging(draw) -> list[list[str]]:
    narrow, wide = render(draw, 80), render(draw, 1000)
    assert max(cell_len(ln) for ln in narrow) <= 80, max(narrow, key=cell_len)
    blocks = wrapped_blocks(wide, narrow)
    for block in blocks:
        for cont in block[1:]:
            assert indent(cont) > indent(block[0]), block   # under the text, not at the margin
    assert any(len(b) > 1 for b in blocks)                  # the case does wrap
    return blocks


@pytest.mark.parametrize("compact,verbose", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("status", ["fail", "error"])
def test_every_wrapped_verdict_line_hangs_under_its_text(compact, verbose, status):
    result = verdict(status)
    blocks = assert_hanging(lambda: terminal.render_result(result, title=f"{result.problem} — Longest Substring "
                                                           "Without Repeating Characters", compact=compact,
                                                           verbose=verbose))
    starts = {b[0].strip()[:12]: b for b in blocks}
    note = next(b for k, b in starts.items() if k.startswith("note:"))
    assert all(indent(ln) == len("note: ") for ln in note[1:])           # under the note, past its label
    why = next(b for b in blocks if b[0].lstrip().startswith("this case checks:"))
    assert all(indent(ln) == indent(why[0]) + len("this case checks: ") for ln in why[1:])
    assert any(WORD[:40] in ln for ln in render(lambda: terminal.render_result(result, verbose=True), 80))


def test_the_check_command_wraps_its_own_lines_the_same_way(mlkata, mlkata_dirs, monkeypatch, tmp_path):
    """`mlkata check` through the CLI, its judge replaced by one giving the long verdict: the
    lines the command adds (the next step, the cards due) hang too."""
    import mlkata.judge.core as core

    result = verdict()
    result.problem = "softmax"
    monkeypatch.setattr(core, "judge", lambda *a, **k: result)
    mlkata("start", "softmax")
    outputs = {}
    for width in (80, 1000):
        monkeypatch.setenv("MLKATA_HOME", str(tmp_path / f"home{width}"))  # each run a first check
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setattr(terminal, "_console", None)
        out = mlkata("check", "softmax").output
        outputs[width] = [ln for ln in out.rstrip("\n").split("\n") if not ln.startswith("warning:")]
    narrow = outputs[80]
    assert max(cell_len(ln) for ln in narrow) <= 80
    for block in wrapped_blocks(outputs[1000], narrow):
        for cont in block[1:]:
            assert indent(cont) > indent(block[0]), block
    assert narrow[-1].startswith("next:") or indent(narrow[-1]) == len("next: ")
