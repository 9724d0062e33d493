"""A new user's walk through the README in a real 80×24 terminal (tmux on a private socket).

The commands of the quick start and of "A tour" are typed into a shell one after another:
start and check the starter, check a wrong solution, a hint, the problem list and a
statement (paged), watch (two saves: the screen is redrawn in place), a card review, a mock
interview started and ended, stats, the log, the dashboard. After each step the screen is read
back (`tmux capture-pane`) and must show no traceback, no line wider than 80 columns (a line
the terminal had to wrap), no table row that wrapped inside its border and, for the screens
redrawn in place, nothing left over from the previous frame.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from mlkata.bank import load_bank

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the 80×24 walk-through needs it")

WIDTH, HEIGHT = 80, 24
PROMPT = re.compile(r"^\[(\d+)\]\$$")
SOFTMAX = load_bank().get("softmax")


class Terminal:
    """A bash in an 80×24 tmux pane on a private server; keys in, screens out."""

    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.sock = str(tmp / "sock")
        self.commands = 1          # bash's command number (\\# in the prompt) of the next command line
        self.pid: int | None = None
        self.steps: list[str] = []
        self.tmux("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), "-s", "walk", "-c", str(tmp),
                  "env", "PS1=[\\#]$ ", "bash", "--norc", "--noprofile", env=env)
        self.pid = int(self.tmux("display-message", "-p", "-t", "walk", "#{pid}").strip())
        self.wait(lambda s: bool(s) and PROMPT.match(s[-1]), "the first prompt")

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        out = subprocess.run([TMUX, "-S", self.sock, "-f", "/dev/null", *args], capture_output=True, text=True,
                             env=env, timeout=30)
        assert out.returncode == 0, (args, out.stderr)
        return out.stdout

    def close(self) -> None:
        subprocess.run([TMUX, "-S", self.sock, "kill-server"], capture_output=True, timeout=30)
        if self.pid is not None:
            try:  # the server's own pid, in case kill-server could not reach it
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # -- reading the screen -----------------------------------------------------------------
    def screen(self, joined: bool = False) -> list[str]:
        """The visible lines, trailing blanks dropped; joined: lines the terminal wrapped are one."""
        text = self.tmux("capture-pane", "-p", *(["-J"] if joined else []), "-t", "walk")
        lines = [ln.rstrip() for ln in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def history(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "walk")

    def wait(self, ready, what: str, timeout: float = 90) -> list[str]:
        """Poll the screen until ready(lines) holds (generous: a loaded machine is slow, never flaky)."""
        end = time.monotonic() + timeout
        while True:
            lines = self.screen()
            if ready(lines):
                return lines
            if time.monotonic() > end:
                raise AssertionError(f"waited {timeout:.0f}s for {what}; the screen:\n" + "\n".join(lines))
            time.sleep(0.2)

    def wait_text(self, text: str, timeout: float = 90) -> list[str]:
        return self.wait(lambda s: any(text in ln for ln in s), repr(text), timeout)

    # -- typing -------------------------------------------------------------------------------
    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "walk", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "walk", "-l", text)

    def run(self, command: str, wait: bool = True) -> list[str]:
        """Type a command line at the prompt (after clearing the screen, as a user starting over);
        with wait, return the screen once the shell prompts again."""
        self.steps.append(command)
        self.type(f"clear; {command}")
        self.keys("Enter")
        self.commands += 1
        if not wait:
            return []
        return self.prompted()

    def prompted(self, timeout: float = 120) -> list[str]:
        n = self.commands
        return self.wait(lambda s: bool(s) and s[-1] == f"[{n}]$", f"the prompt after {self.steps[-1]!r}", timeout)

    # -- what every screen must be --------------------------------------------------------------
    def check(self, step: str) -> list[str]:
        plain, joined = self.screen(), self.screen(joined=True)
        wide = [ln for ln in joined if ln not in plain]  # a line the terminal had to wrap
        assert not wide, f"{step}: a line wider than {WIDTH} columns wrapped:\n" + "\n".join(wide)
        assert all(cell_len(ln) <= WIDTH for ln in plain), step
        rows = [ln for ln in plain if re.match(r"^[│┃] +[│┃].*[│┃]$", ln)]  # a row whose first cell is empty
        assert not rows, f"{step}: a table row wrapped inside its border:\n" + "\n".join(rows)
        seen = self.history()
        assert "Traceback (most recent call last)" not in seen, f"{step}:\n{seen[-3000:]}"
        assert not re.search(r"^Error: ", seen, re.M), f"{step}:\n{seen[-3000:]}"
        return plain


@pytest.fixture
def term(tmp_path, mlkata_dirs):
    env = {k: v for k, v in os.environ.items()
           if k not in ("TMUX", "TMUX_PANE", "COLUMNS", "LINES", "PAGER", "MLKATA_PAGER", "LESS", "PYTEST_CURRENT_TEST")}
    user_home = tmp_path / "user"
    user_home.mkdir()
    env.update({"PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", "HOME": str(user_home),
                "HISTFILE": "/dev/null", "MLKATA_HOME": str(mlkata_dirs["home"]),
                "MLKATA_WORKSPACE": str(mlkata_dirs["workspace"]), "MLKATA_CACHE": str(mlkata_dirs["cache"]),
                "MLKATA_FSRS_FUZZ": "0", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    t = Terminal(tmp_path, env)
    try:
        yield t
    finally:
        t.close()


def frames_of(lines: list[str], header: str) -> int:
    return sum(1 for ln in lines if ln.startswith(header))


def said(lines: list[str], text: str) -> bool:
    """The text is on the screen, perhaps wrapped over lines."""
    return " ".join(text.split()) in " ".join(" ".join(lines).split())


def test_a_new_user_walks_the_readme_tour_at_80x24(term, mlkata_dirs):
    ws = mlkata_dirs["workspace"]
    mine = ws / SOFTMAX.filename
    mistakes = {m.id: m for m in SOFTMAX.mistakes}
    first, second = mistakes["no-max-shift"], mistakes["no-keepdims"]
    started = time.monotonic()

    # the quick start: write the starter and judge it (it fails on purpose)
    screen = term.run(f"mlkata start {SOFTMAX.id} && mlkata check {SOFTMAX.id}")
    term.check("start && check")
    assert any("this is the starter" in ln for ln in screen) and any(ln.startswith("next:") for ln in screen)

    # a wrong solution: the verdict names the mistake, every wrapped line indented under its text
    mine.write_text(first.path.read_text())
    screen = term.run(f"mlkata check {SOFTMAX.id}")
    term.check("check of a wrong solution")
    assert said(screen, first.title) and any(ln.startswith("✘ FAIL") for ln in screen)
    term.run(f"mlkata hint {SOFTMAX.id}")
    assert "hint 1/3" in "\n".join(term.check("hint"))

    # the list and a statement are taller than the screen: a pager (less), q goes back to the shell
    for command, expect in (("mlkata list", "Foundations"), (f"mlkata show {SOFTMAX.id}", SOFTMAX.title)):
        term.run(command, wait=False)
        term.wait(lambda s: bool(s) and s[-1].startswith((":", "--More--")) and any(expect in ln for ln in s),
                  f"the pager (less, or more without it) of {command}")
        term.check(command + " (in the pager)")
        term.keys("q")
        term.prompted()
        term.check(command)

    # watch: each save redraws the one screen in place, nothing of the previous verdict left
    term.run(f"mlkata watch {SOFTMAX.id}", wait=False)
    term.wait_text("save to check")
    screen = term.wait(lambda s: said(s, first.title), "watch's first verdict")
    assert frames_of(screen, "mlkata watch ·") == 1
    term.check("watch, first frame")
    mine.write_text(second.path.read_text())
    screen = term.wait(lambda s: said(s, second.title), "the verdict of the first save")
    term.check("watch, after a save")
    assert not said(screen, first.title), "\n".join(screen)                     # no stale verdict
    assert frames_of(screen, "mlkata watch ·") == 1 and "save to check" in screen[-1]
    mine.write_text(SOFTMAX.solution_path.read_text())
    screen = term.wait(lambda s: any("PASS" in ln for ln in s), "the verdict of the second save")
    term.check("watch, after a second save")
    assert not any("FAIL" in ln for ln in screen) and not said(screen, second.title), "\n".join(screen)
    assert frames_of(screen, "mlkata watch ·") == 1
    term.keys("q")
    term.prompted()

    # review: one card answered and rated, then q; each card is its own screen
    term.run("mlkata review", wait=False)
    card = term.wait_text("Enter: show the answer")
    header = next(ln for ln in card if re.match(r"^1/\d+ · ", ln))
    term.check("review, a question")
    term.keys("Enter")
    term.wait(lambda s: any(re.search(r"1 again \S+ +2 hard", ln) for ln in s), "the ratings with their intervals")
    term.check("review, the answer")
    term.keys("3")
    screen = term.wait(lambda s: any(ln.startswith("2/") for ln in s), "the second card")
    assert header not in screen                                            # the first card's screen is gone
    term.check("review, the next card")
    term.keys("q")
    screen = term.prompted()
    assert any("1 card(s) rated" in ln for ln in screen)
    term.check("review, ended")

    # mock: the live timer is one line redrawn in place; q ends it and the report fits
    term.run("mlkata mock --minutes 45", wait=False)
    screen = term.wait_text("save = judge", timeout=120)
    term.check("mock, the problem")
    first_clock = next(ln for ln in screen if "elapsed" in ln)
    screen = term.wait(lambda s: any("elapsed" in ln and ln != first_clock for ln in s), "the timer to move")
    assert sum("elapsed" in ln for ln in screen) == 1                      # one timer line, redrawn
    term.keys("q")
    screen = term.prompted()
    assert any("Mock interview report" in ln for ln in screen)
    term.check("mock, the report")

    # stats, the log, the dashboard: each fits the screen with the prompt under it
    screen = term.run("mlkata stats")
    term.check("stats")
    assert "last 30 days" in screen[0], "\n".join(screen)                     # its first line did not scroll away
    assert any("checks per day" in ln for ln in screen) and any("┤" in ln for ln in screen)
    screen = term.run("mlkata log")
    term.check("log")
    assert "Practice log" in screen[0].strip() and any(ln.split()[:1] == [SOFTMAX.id] for ln in screen)
    screen = term.run("mlkata")
    term.check("dashboard")
    assert screen[0].startswith("mlkata ·"), "\n".join(screen)             # its first line did not scroll away
    elapsed = time.monotonic() - started
    print(f"walk-through: {len(term.steps)} commands in {elapsed:.1f}s")
